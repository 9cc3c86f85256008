package io.github.microservicestarter.demo.user;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.grpc.ManagedChannel;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import static io.github.microservicestarter.demo.user.TestUsers.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM under load loses no call: the user service, in a JVM of its own, stopped with SIGTERM
 * while clients create and read users, answers every call it took, refuses the rest with
 * UNAVAILABLE (which clients retry elsewhere), keeps every user it acknowledged, and exits within
 * its grace period.
 */
class ShutdownUnderLoadTests {

	private static final int CALLERS = 6;

	@Test
	void sigtermUnderLoadAnswersEveryCallItTookAndExitsWithinTheGracePeriod() throws Exception {
		Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "sigterm-")
			.toAbsolutePath();
		Map<Code, LongAdder> codes = new ConcurrentHashMap<>();
		List<String> acknowledged = new CopyOnWriteArrayList<>();
		Duration exit;
		try (UserServiceProcess service = UserServiceProcess.onH2(dataDir, Path.of("target", "sigterm.log"))) {
			ManagedChannel channel = service.channel();
			AtomicBoolean calling = new AtomicBoolean(true);
			AtomicLong answered = new AtomicLong();
			ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
			try {
				for (int i = 0; i < CALLERS; i++) {
					callers.execute(() -> {
						UserServiceGrpc.UserServiceBlockingStub users = UserServiceGrpc.newBlockingStub(channel);
						while (calling.get()) {
							try {
								User user = users.withDeadlineAfter(30, TimeUnit.SECONDS)
									.createUser(newUser("Stopping"))
									.getUser();
								acknowledged.add(user.getId());
								users.withDeadlineAfter(30, TimeUnit.SECONDS)
									.getUser(GetUserRequest.newBuilder().setUserId(user.getId()).build());
								codes.computeIfAbsent(Code.OK, (code) -> new LongAdder()).add(2);
								answered.addAndGet(2);
							}
							catch (StatusRuntimeException ex) {
								codes.computeIfAbsent(ex.getStatus().getCode(), (code) -> new LongAdder()).increment();
							}
						}
					});
				}
				await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() > 200);
				exit = service.terminate();
				await().atMost(Duration.ofSeconds(30))
					.until(() -> codes.getOrDefault(Code.UNAVAILABLE, new LongAdder()).sum() > 0);
			}
			finally {
				calling.set(false);
				callers.shutdown();
				callers.awaitTermination(60, TimeUnit.SECONDS);
				channel.shutdownNow();
			}
		}
		assertThat(exit).as("exit within the 30 s grace period").isNotNull().isLessThan(Duration.ofSeconds(30));
		System.out.printf("SIGTERM under load: %s; exit after %d ms%n", codes, exit.toMillis());
		assertThat(codes).containsOnlyKeys(Code.OK, Code.UNAVAILABLE);

		try (UserServiceProcess service = UserServiceProcess.onH2(dataDir, Path.of("target", "sigterm-after.log"))) {
			ManagedChannel channel = service.channel();
			try {
				UserServiceGrpc.UserServiceBlockingStub users = UserServiceGrpc.newBlockingStub(channel);
				for (String id : acknowledged) {
					assertThat(users.withDeadlineAfter(10, TimeUnit.SECONDS)
						.getUser(GetUserRequest.newBuilder().setUserId(id).build())
						.getUser()
						.getId()).isEqualTo(id);
				}
			}
			finally {
				channel.shutdownNow();
			}
		}
	}

}

package io.github.microservicestarter.demo.user;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;

import static io.github.microservicestarter.demo.user.TestUsers.newUser;
import static io.github.microservicestarter.demo.user.TestUsers.rename;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writes a service acknowledged: users created, then renamed, by several writers at once, each
 * kept with the name its last acknowledged write gave it, to be found again after the service
 * crashed. A rename that the crash cut may have happened or not: either name is right then.
 */
final class AcknowledgedWrites {

	private static final int WRITERS = 3;

	/**
	 * Starts the service, writes, kills it right after an acknowledged write, round after round,
	 * and checks that the service started once more has every acknowledged write.
	 * @param rounds the kills
	 * @param writesPerRound the writes to acknowledge before each kill
	 * @param service starts the service on the same data, given the round's name for its log
	 * @return how many users it checked
	 */
	static int surviveKills(int rounds, int writesPerRound, ServiceStarter service) throws Exception {
		AcknowledgedWrites writes = new AcknowledgedWrites();
		for (int round = 0; round < rounds; round++) {
			try (UserServiceProcess started = service.start("round-" + round)) {
				writes.writeThenKill(started, writesPerRound);
			}
		}
		try (UserServiceProcess started = service.start("after")) {
			return writes.assertAllFound(started::channel);
		}
	}

	/**
	 * Starts the service on the data under test.
	 */
	@FunctionalInterface
	interface ServiceStarter {

		UserServiceProcess start(String name) throws Exception;

	}

	private final Map<String, String> names = new ConcurrentHashMap<>();

	private final Map<String, String> unacknowledgedRenames = new ConcurrentHashMap<>();

	/**
	 * Writes until the given number of writes were acknowledged in this round, then kills the
	 * service right after the last acknowledgement, from the thread that received it, while the
	 * other writers still write.
	 * @param service the service
	 * @param writes the writes to acknowledge before the kill
	 */
	void writeThenKill(UserServiceProcess service, int writes) throws Exception {
		ManagedChannel channel = service.channel();
		AtomicInteger acknowledged = new AtomicInteger();
		AtomicBoolean killed = new AtomicBoolean();
		CountDownLatch done = new CountDownLatch(1);
		ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
		try {
			for (int i = 0; i < WRITERS; i++) {
				writers.execute(() -> {
					UserServiceGrpc.UserServiceBlockingStub users = UserServiceGrpc.newBlockingStub(channel);
					while (!killed.get()) {
						try {
							User created = users.withDeadlineAfter(10, TimeUnit.SECONDS)
								.createUser(newUser("Durable"))
								.getUser();
							acknowledge(created.getId(), created.getName(), acknowledged, writes, killed, service, done);
							String newName = "Renamed " + created.getId().substring(0, 8);
							this.unacknowledgedRenames.put(created.getId(), newName);
							User renamed = users.withDeadlineAfter(10, TimeUnit.SECONDS)
								.updateUser(rename(created, newName))
								.getUser();
							acknowledge(renamed.getId(), renamed.getName(), acknowledged, writes, killed, service, done);
						}
						catch (StatusRuntimeException ex) {
							// Cut by the kill: not acknowledged, nothing to find.
						}
					}
				});
			}
			assertThat(done.await(120, TimeUnit.SECONDS)).as("acknowledged writes before the kill").isTrue();
		}
		finally {
			killed.set(true);
			writers.shutdown();
			writers.awaitTermination(30, TimeUnit.SECONDS);
			channel.shutdownNow();
		}
	}

	private void acknowledge(String id, String name, AtomicInteger acknowledged, int writes, AtomicBoolean killed,
			UserServiceProcess service, CountDownLatch done) {
		if (killed.get()) {
			return;
		}
		this.names.put(id, name);
		if (acknowledged.incrementAndGet() == writes && killed.compareAndSet(false, true)) {
			try {
				service.kill();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			done.countDown();
		}
	}

	/**
	 * Checks that the service has every acknowledged write.
	 * @param channels a channel to the service, started again on the same data
	 * @return how many users it checked
	 */
	int assertAllFound(Supplier<ManagedChannel> channels) {
		ManagedChannel channel = channels.get();
		try {
			UserServiceGrpc.UserServiceBlockingStub users = UserServiceGrpc.newBlockingStub(channel);
			Map<String, String> lost = new ConcurrentHashMap<>();
			this.names.forEach((id, name) -> {
				try {
					User read = users.withDeadlineAfter(10, TimeUnit.SECONDS)
						.getUser(GetUserRequest.newBuilder().setUserId(id).build())
						.getUser();
					if (!read.getName().equals(name) && !read.getName().equals(this.unacknowledgedRenames.get(id))) {
						lost.put(id, "has name '%s', not '%s'".formatted(read.getName(), name));
					}
				}
				catch (StatusRuntimeException ex) {
					lost.put(id, ex.getStatus().toString());
				}
			});
			assertThat(lost).as("acknowledged writes lost").isEmpty();
			return this.names.size();
		}
		finally {
			channel.shutdownNow();
		}
	}

}

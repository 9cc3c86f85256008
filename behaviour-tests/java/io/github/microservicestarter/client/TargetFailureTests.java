package io.github.microservicestarter.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.client.probe.EchoGrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls to another app ride out the faults of its processes, killed with {@code kill -9}: a
 * backend killed under load costs no idempotent call while another serves the app, a failed
 * target is tried again at least every {@code max-reconnect-backoff}, and one that comes back is
 * called again within a second.
 */
class TargetFailureTests {

	@Test
	void backendKilledUnderLoadCostsNoIdempotentCallWhileAnotherServesTheApp() throws Exception {
		try (EchoBackendProcess first = EchoBackendProcess.start("first", 0);
				EchoBackendProcess second = EchoBackendProcess.start("second", 0)) {
			SidecarClientRunner.withEnvironment()
				.withPropertyValues(
						"microservice.clients.echo.address=static://" + first.address() + "," + second.address())
				.run((context) -> {
					EchoGrpc.EchoBlockingStub echo = context.getBean(SidecarChannels.class)
						.stub("echo", EchoGrpc.EchoBlockingStub.class);
					try (Load load = new Load(echo, 4)) {
						await().atMost(Duration.ofSeconds(30))
							.until(() -> load.answeredBy("first") > 20 && load.answeredBy("second") > 20);
						first.kill();
						long answeredBeforeKill = load.answered();
						await().atMost(Duration.ofSeconds(30)).until(() -> load.answered() > answeredBeforeKill + 500);
						load.stop();
						assertThat(load.failures()).isEmpty();
					}
				});
		}
	}

	@Test
	void failedTargetIsTriedAgainAtLeastEveryMaxReconnectBackoff() throws Exception {
		EchoBackendProcess backend = EchoBackendProcess.start("echo", 0);
		SidecarClientRunner.withEnvironment()
			.withPropertyValues("microservice.clients.echo.address=static://" + backend.address())
			.run((context) -> {
				EchoGrpc.EchoBlockingStub echo = context.getBean(SidecarChannels.class)
					.stub("echo", EchoGrpc.EchoBlockingStub.class);
				assertThat(answer(echo)).isEqualTo("echo");
				backend.kill();
				// Where the backend listened, a socket that takes each connection and closes it: each
				// accept is one try of the client, which no call prompts.
				try (ServerSocket refusing = new ServerSocket(backend.port(), 50, InetAddress.getLoopbackAddress())) {
					List<Long> tries = new CopyOnWriteArrayList<>();
					Thread acceptor = new Thread(() -> acceptAndClose(refusing, tries), "refusing-backend");
					acceptor.setDaemon(true);
					acceptor.start();
					await().atMost(Duration.ofSeconds(6)).until(() -> tries.size() >= 6);
					List<Long> gaps = new ArrayList<>();
					for (int i = 1; i < tries.size(); i++) {
						gaps.add(TimeUnit.NANOSECONDS.toMillis(tries.get(i) - tries.get(i - 1)));
					}
					assertThat(gaps).allMatch((gap) -> gap < 1000);
				}
			});
	}

	@Test
	void targetThatComesBackIsCalledAgainWithinOneAndAHalfSeconds() throws Exception {
		EchoBackendProcess backend = EchoBackendProcess.start("echo", 0);
		int port = backend.port();
		SidecarClientRunner.withEnvironment()
			.withPropertyValues("microservice.clients.echo.address=static://" + backend.address())
			.run((context) -> {
				EchoGrpc.EchoBlockingStub echo = context.getBean(SidecarChannels.class)
					.stub("echo", EchoGrpc.EchoBlockingStub.class);
				try (Load load = new Load(echo, 1)) {
					await().atMost(Duration.ofSeconds(30)).until(() -> load.answered() > 10);
					backend.kill();
					await().atMost(Duration.ofSeconds(30)).until(() -> load.failures().size() > 20);
					assertThat(load.failures()).allSatisfy((status) -> {
						assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
						assertThat(status.getDescription()).isEqualTo("App 'echo' is unavailable");
					});
					try (EchoBackendProcess back = EchoBackendProcess.start("echo-again", port)) {
						long listening = System.nanoTime();
						await().atMost(Duration.ofSeconds(10)).until(() -> load.answeredBy("echo-again") > 0);
						Duration recovery = Duration.ofNanos(load.firstAnswerBy("echo-again") - listening);
						System.out.println("Calls reached the restarted target " + recovery.toMillis()
								+ " ms after it listened");
						// The backoff's bound (500 ms) and a margin for a busy machine; it took 3.1 s before.
						assertThat(recovery).isLessThan(Duration.ofMillis(1500));
					}
				}
			});
	}

	private static String answer(EchoGrpc.EchoBlockingStub echo) {
		return echo.withDeadlineAfter(10, TimeUnit.SECONDS).get(EchoClient.request("hello")).getBackend();
	}

	private static void acceptAndClose(ServerSocket socket, List<Long> tries) {
		while (!socket.isClosed()) {
			try (Socket connection = socket.accept()) {
				tries.add(System.nanoTime());
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	/**
	 * Callers that call Get over and over, pacing each other only by the answers, until stopped.
	 */
	private static final class Load implements AutoCloseable {

		private final EchoGrpc.EchoBlockingStub echo;

		private final ExecutorService callers;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong answered = new AtomicLong();

		private final Map<String, AtomicInteger> answersByBackend = new ConcurrentHashMap<>();

		private final Map<String, Long> firstAnswerByBackend = new ConcurrentHashMap<>();

		private final List<Status> failures = new CopyOnWriteArrayList<>();

		Load(EchoGrpc.EchoBlockingStub echo, int callers) {
			this.echo = echo;
			this.callers = Executors.newFixedThreadPool(callers);
			for (int i = 0; i < callers; i++) {
				this.callers.execute(this::call);
			}
		}

		private void call() {
			while (this.running.get()) {
				try {
					String backend = answer(this.echo);
					long now = System.nanoTime();
					this.firstAnswerByBackend.putIfAbsent(backend, now);
					this.answersByBackend.computeIfAbsent(backend, (name) -> new AtomicInteger()).incrementAndGet();
					this.answered.incrementAndGet();
				}
				catch (StatusRuntimeException ex) {
					this.failures.add(ex.getStatus());
				}
			}
		}

		long answered() {
			return this.answered.get();
		}

		int answeredBy(String backend) {
			AtomicInteger answers = this.answersByBackend.get(backend);
			return (answers != null) ? answers.get() : 0;
		}

		long firstAnswerBy(String backend) {
			return this.firstAnswerByBackend.get(backend);
		}

		List<Status> failures() {
			return List.copyOf(this.failures);
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.callers.shutdown();
			this.callers.awaitTermination(15, TimeUnit.SECONDS);
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

	}

}

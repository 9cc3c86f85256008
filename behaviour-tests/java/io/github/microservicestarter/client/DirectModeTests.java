package io.github.microservicestarter.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.client.probe.EchoGrpc;
import io.github.microservicestarter.client.probe.EchoReply;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Direct mode over real sockets: calls go straight to a target's configured addresses, balanced
 * round robin, with deadlines and retries of idempotent methods only.
 */
class DirectModeTests {

	private EchoBackend first;

	private EchoBackend second;

	@BeforeEach
	void startBackends() throws Exception {
		this.first = EchoBackend.start("first");
		this.second = EchoBackend.start("second");
	}

	@AfterEach
	void stopBackends() throws Exception {
		this.first.close();
		this.second.close();
	}

	private ApplicationContextRunner runner(EchoBackend... instances) {
		StringBuilder address = new StringBuilder("static://");
		for (int i = 0; i < instances.length; i++) {
			address.append((i > 0) ? "," : "").append(instances[i].address());
		}
		return runner(address.toString());
	}

	private ApplicationContextRunner runner(String address) {
		return SidecarClientRunner.withEnvironment()
			.withPropertyValues("microservice.clients.echo.address=" + address,
					"microservice.client.retry.initial-backoff=10ms", "microservice.client.retry.max-backoff=10ms");
	}

	@Test
	void callsAlternateBetweenTwoLiveInstances() {
		runner(this.first, this.second).run((context) -> {
			EchoClient echo = new EchoClient(context.getBean(SidecarChannels.class).channel("echo"));
			// Round robin balances across the instances it is connected to: wait until both are.
			await().atMost(Duration.ofSeconds(10)).until(() -> echo.post("warm-up").getBackend().equals("second")
					&& echo.post("warm-up").getBackend().equals("first"));
			Map<String, Integer> answers = new HashMap<>();
			for (int i = 0; i < 10; i++) {
				answers.merge(echo.post("hello").getBackend(), 1, Integer::sum);
			}
			assertThat(answers).containsExactlyInAnyOrderEntriesOf(Map.of("first", 5, "second", 5));
		});
	}

	@Test
	void callsKeepSucceedingOnTheOtherInstanceWhenOneStops() {
		runner(this.first, this.second).run((context) -> {
			EchoGrpc.EchoBlockingStub echo = context.getBean(SidecarChannels.class)
				.stub("echo", EchoGrpc.EchoBlockingStub.class)
				.withDeadlineAfter(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> echo.get(EchoClient.request("warm-up")).getBackend().equals("second"));
			this.second.close();
			long warmUpCalls = this.first.attempts("Get");
			// Get, declared idempotent, is retried: a call may be sent on the stopped instance's
			// connection before the client has read that it closed, and that one fails UNAVAILABLE.
			for (int i = 0; i < 10; i++) {
				assertThat(echo.get(EchoClient.request("hello")).getBackend()).isEqualTo("first");
			}
			assertThat(this.first.attempts("Get") - warmUpCalls).isEqualTo(10);
		});
	}

	@Test
	void callLongerThanTheTargetsDeadlineIsDeadlineExceeded() {
		runner(this.first).withPropertyValues("microservice.client.deadline=30s", "microservice.clients.echo.deadline=200ms")
			.run((context) -> {
				Channel channel = context.getBean(SidecarChannels.class).channel("echo");
				long start = System.nanoTime();
				assertThatExceptionOfType(StatusRuntimeException.class)
					.isThrownBy(() -> EchoGrpc.newBlockingStub(channel).get(EchoClient.request(EchoBackend.HANG)))
					.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
				assertThat(this.first.calls().get(0).timeout()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200));
			});
	}

	@Test
	void methodTheProtoDeclaresIdempotentIsRetriedOnUnavailable() {
		runner(this.first).run((context) -> {
			EchoGrpc.EchoBlockingStub echo = context.getBean(SidecarChannels.class)
				.stub("echo", EchoGrpc.EchoBlockingStub.class);
			this.first.refuseNext("Get", 2);
			EchoReply reply = echo.withDeadlineAfter(10, TimeUnit.SECONDS).get(EchoClient.request("hello"));
			assertThat(reply.getText()).isEqualTo("hello");
			assertThat(this.first.attempts("Get")).isEqualTo(3);
		});
	}

	@Test
	void retriesStopAtMaxAttempts() {
		runner(this.first).withPropertyValues("microservice.client.retry.max-attempts=2").run((context) -> {
			EchoGrpc.EchoBlockingStub echo = context.getBean(SidecarChannels.class)
				.stub("echo", EchoGrpc.EchoBlockingStub.class);
			this.first.refuseNext("Get", 5);
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> echo.withDeadlineAfter(10, TimeUnit.SECONDS).get(EchoClient.request("hello")))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
			assertThat(this.first.attempts("Get")).isEqualTo(2);
		});
	}

	@Test
	void methodNotDeclaredIdempotentIsNotRetried() {
		runner(this.first).run((context) -> {
			EchoGrpc.EchoBlockingStub echo = context.getBean(SidecarChannels.class)
				.stub("echo", EchoGrpc.EchoBlockingStub.class);
			this.first.refuseNext("Post", 1);
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> echo.withDeadlineAfter(10, TimeUnit.SECONDS).post(EchoClient.request("hello")))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
			assertThat(this.first.attempts("Post")).isEqualTo(1);
		});
	}

	@Test
	void methodConfiguredIdempotentIsRetriedThroughAPlainChannel() {
		runner(this.first).withPropertyValues("microservice.clients.echo.idempotent-methods=probe.Echo/Post")
			.run((context) -> {
				EchoClient echo = new EchoClient(context.getBean(SidecarChannels.class).channel("echo"));
				this.first.refuseNext("Post", 1);
				assertThat(echo.post("hello").getText()).isEqualTo("hello");
				assertThat(this.first.attempts("Post")).isEqualTo(2);
			});
	}

	@Test
	void unreachableTargetIsUnavailableNamingTheAppButNotItsAddress() throws Exception {
		String address = "static://" + this.second.address();
		this.second.close();
		runner(address).run((context) -> {
			EchoClient echo = new EchoClient(context.getBean(SidecarChannels.class).channel("echo"));
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> echo.post("hello"))
				.satisfies((ex) -> {
					assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
					assertThat(ex.getStatus().getDescription()).isEqualTo("App 'echo' is unavailable");
					assertThat(ex.getStatus().getCause()).isNotNull();
				});
		});
	}

	@Test
	void unreachableTargetIsUnavailableNamingItsAddressWithDetailedErrors() throws Exception {
		String address = "static://" + this.second.address();
		this.second.close();
		runner(address).withPropertyValues("microservice.client.detailed-errors=true").run((context) -> {
			EchoClient echo = new EchoClient(context.getBean(SidecarChannels.class).channel("echo"));
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> echo.post("hello"))
				.satisfies((ex) -> assertThat(ex.getStatus().getDescription())
					.startsWith("App 'echo' is unavailable (direct to " + address + "): "));
		});
	}

	@Test
	void serverReceivesNoDaprMetadataInDirectMode() {
		runner(this.first).run((context) -> {
			new EchoClient(context.getBean(SidecarChannels.class).channel("echo")).post("hello");
			assertThat(this.first.calls().get(0).applicationHeaders()).isEmpty();
		});
	}

	@Test
	void gzipCompressionIsSentAsTheRequestsEncoding() {
		runner(this.first).withPropertyValues("microservice.client.compression=gzip").run((context) -> {
			new EchoClient(context.getBean(SidecarChannels.class).channel("echo")).post("hello");
			assertThat(this.first.calls().get(0).applicationHeaders()).containsEntry("grpc-encoding", "gzip");
		});
	}

}

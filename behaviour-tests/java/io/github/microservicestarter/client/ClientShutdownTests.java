package io.github.microservicestarter.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ConnectivityState;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.client.probe.EchoGrpc;
import io.github.microservicestarter.client.probe.EchoReply;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A closing app closes its client connections gracefully: calls in flight finish within the
 * grace period, and are cancelled after it.
 */
class ClientShutdownTests {

	private EchoBackend backend;

	@BeforeEach
	void startBackend() throws Exception {
		this.backend = EchoBackend.start("users");
	}

	@AfterEach
	void stopBackend() throws Exception {
		this.backend.close();
	}

	private ApplicationContextRunner runner(String gracePeriod) {
		return SidecarClientRunner.withEnvironment()
			.withPropertyValues("microservice.clients.users.address=static://" + this.backend.address(),
					"microservice.server.shutdown-grace-period=" + gracePeriod);
	}

	@Test
	void callInFlightCompletesWhileTheContextClosesWithinTheGracePeriod() {
		runner("10s").run((context) -> {
			SidecarClientTargets targets = context.getBean(SidecarClientTargets.class);
			ListenableFuture<EchoReply> call = holdCall(context.getBean(SidecarChannels.class));
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> targets.targets().get(0).state() == ConnectivityState.SHUTDOWN);
			assertThat(closing).isNotDone();
			assertThat(call).isNotDone();
			this.backend.release();
			assertThat(call.get(5, TimeUnit.SECONDS).getText()).isEqualTo(EchoBackend.HOLD);
			assertThat(closing).succeedsWithin(Duration.ofSeconds(5));
		});
	}

	@Test
	void callLongerThanTheGracePeriodIsCancelled() {
		runner("100ms").run((context) -> {
			ListenableFuture<EchoReply> call = holdCall(context.getBean(SidecarChannels.class));
			assertThat(CompletableFuture.runAsync(context::close)).succeedsWithin(Duration.ofSeconds(5));
			assertThat(call).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(StatusRuntimeException.class);
		});
	}

	private ListenableFuture<EchoReply> holdCall(SidecarChannels channels) {
		ListenableFuture<EchoReply> call = channels.stub("users", EchoGrpc.EchoFutureStub.class)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.get(EchoClient.request(EchoBackend.HOLD));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.backend.attempts("Get") == 1);
		return call;
	}

}

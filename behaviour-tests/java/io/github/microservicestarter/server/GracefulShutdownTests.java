package io.github.microservicestarter.server;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.common.util.concurrent.Uninterruptibles;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A closing context stops taking calls, lets calls in flight finish within the grace period and
 * ends those that outlast it with UNAVAILABLE, which clients retry, not CANCELLED.
 */
class GracefulShutdownTests {

	private final CountDownLatch started = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch cancelled = new CountDownLatch(1);

	private final ApplicationContextRunner runner = GrpcServerRunner.onFreePort()
		.withBean(ProbeService.class, () -> new ProbeService((request) -> {
			// gRPC cancels a call's context when the call ends: before the handler returns, that is a cancellation.
			Context.current().addListener((context) -> this.cancelled.countDown(), Runnable::run);
			this.started.countDown();
			Uninterruptibles.awaitUninterruptibly(this.release, 10, TimeUnit.SECONDS);
			return "done";
		}));

	@AfterEach
	void releaseHandlers() {
		this.release.countDown();
	}

	@Test
	void callInFlightCompletesWhileTheContextClosesWithinTheGracePeriod() {
		this.runner.withPropertyValues("microservice.server.shutdown-grace-period=10s").run((context) -> {
			int port = GrpcServerRunner.localPort(context);
			try (LoopbackChannel channel = LoopbackChannel.plaintext(port)) {
				Future<String> call = ProbeService.callAsync(channel.channel());
				assertThat(this.started.await(5, TimeUnit.SECONDS)).isTrue();
				AtomicBoolean releasedBeforeClosed = new AtomicBoolean();
				CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
					context.close();
					releasedBeforeClosed.set(this.release.getCount() == 0);
				});
				await().atMost(Duration.ofSeconds(5)).until(() -> !acceptsConnections(port));
				assertThat(closing).isNotDone();
				this.release.countDown();
				assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("done");
				assertThat(closing).succeedsWithin(Duration.ofSeconds(5));
				assertThat(releasedBeforeClosed).isTrue();
			}
		});
	}

	@Test
	void callLongerThanTheGracePeriodEndsUnavailableWhenItIsOver() {
		this.runner.withPropertyValues("microservice.server.shutdown-grace-period=200ms").run((context) -> {
			int port = GrpcServerRunner.localPort(context);
			try (LoopbackChannel channel = LoopbackChannel.plaintext(port)) {
				Future<String> call = ProbeService.callAsync(channel.channel());
				assertThat(this.started.await(5, TimeUnit.SECONDS)).isTrue();
				long closing = System.nanoTime();
				assertThat(CompletableFuture.runAsync(context::close)).succeedsWithin(Duration.ofSeconds(5));
				assertThat(this.cancelled.await(5, TimeUnit.SECONDS)).isTrue();
				assertThat(call).failsWithin(Duration.ofSeconds(5))
					.withThrowableOfType(ExecutionException.class)
					.havingCause()
					.isInstanceOfSatisfying(StatusRuntimeException.class, (ended) -> {
						assertThat(ended.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
						assertThat(ended.getStatus().getDescription())
							.isEqualTo("The server is shutting down; retry on another instance");
					});
				assertThat(Duration.ofNanos(System.nanoTime() - closing)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
			}
		});
	}

	private static boolean acceptsConnections(int port) {
		try (Socket socket = new Socket("localhost", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}

package io.github.microservicestarter.admission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.util.concurrent.Uninterruptibles;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.client.probe.EchoGrpc;
import io.github.microservicestarter.client.probe.EchoReply;
import io.github.microservicestarter.client.probe.EchoRequest;
import io.github.microservicestarter.server.AppServerAutoConfiguration;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.LoopbackChannel;
import io.github.microservicestarter.server.ProbeService;
import io.github.microservicestarter.test.BootAutoConfigurations;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The server runs at most {@code microservice.server.max-concurrent-calls} calls at once and refuses
 * the next at once, with RESOURCE_EXHAUSTED and a retry delay, while health checks still answer; a
 * client-streaming call may send at most {@code max-client-stream-size} bytes.
 */
class AdmissionControlTests {

	private final CountDownLatch release = new CountDownLatch(1);

	private final ApplicationContextRunner runner = GrpcServerRunner.onFreePort()
		.withConfiguration(BootAutoConfigurations.metrics())
		.withBean(ProbeService.class, () -> new ProbeService((request) -> {
			if (request.equals("hold")) {
				Uninterruptibles.awaitUninterruptibly(this.release, 10, TimeUnit.SECONDS);
			}
			return "done";
		}))
		.withBean(JoinService.class)
		.withPropertyValues("microservice.server.max-concurrent-calls=2");

	@AfterEach
	void releaseHandlers() {
		this.release.countDown();
	}

	@Test
	void callBeyondTheLimitIsRefusedAtOnceWithResourceExhaustedAndARetryDelay() {
		this.runner.run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				List<Future<String>> held = holdCalls(channel, 2);
				AdmissionControl admission = context.getBean(AdmissionControl.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> admission.admittedCalls() == 2);

				long start = System.nanoTime();
				StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
						() -> ProbeService.call(channel.channel(), "quick"));
				Duration took = Duration.ofNanos(System.nanoTime() - start);

				assertThat(refused.getStatus().getCode()).isEqualTo(Code.RESOURCE_EXHAUSTED);
				assertThat(refused.getStatus().getDescription())
					.isEqualTo("The server runs as many calls as it can (2); retry after 200 ms");
				RetryInfo retry = StatusProto.fromThrowable(refused).getDetails(0).unpack(RetryInfo.class);
				assertThat(retry.getRetryDelay().getNanos()).isEqualTo(200_000_000);
				assertThat(took).isLessThan(Duration.ofSeconds(1));
				this.release.countDown();
				for (Future<String> call : held) {
					assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("done");
				}
				await().atMost(Duration.ofSeconds(5)).until(() -> admission.admittedCalls() == 0);
				assertThat(ProbeService.call(channel.channel(), "quick")).isEqualTo("done");
			}
		});
	}

	@Test
	void healthChecksAnswerWhileEveryCallAndThreadIsTaken() {
		this.runner.withPropertyValues("microservice.server.executor.threads=2").run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				holdCalls(channel, 2);
				AdmissionControl admission = context.getBean(AdmissionControl.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> admission.admittedCalls() == 2);

				long start = System.nanoTime();
				assertThat(channel.checkHealth()).isEqualTo(ServingStatus.SERVING);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
			}
		});
	}

	@Test
	void permitOfACallTheClientCancelsComesBack() {
		this.runner.run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				AdmissionControl admission = context.getBean(AdmissionControl.class);
				List<Future<String>> held = holdCalls(channel, 2);
				await().atMost(Duration.ofSeconds(5)).until(() -> admission.admittedCalls() == 2);
				held.forEach((call) -> call.cancel(true));
				await().atMost(Duration.ofSeconds(5)).until(() -> admission.admittedCalls() == 0);
			}
		});
	}

	@Test
	void refusedCallsAreCountedByReason() {
		this.runner.run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				holdCalls(channel, 2);
				AdmissionControl admission = context.getBean(AdmissionControl.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> admission.admittedCalls() == 2);
				for (int i = 0; i < 3; i++) {
					catchThrowableOfType(StatusRuntimeException.class, () -> ProbeService.call(channel.channel(), "quick"));
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("grpc.server.refused").tag("reason", "max-concurrent-calls").functionCounter()
					.count()).isEqualTo(3);
				assertThat(registry.get("grpc.server.admitted").gauge().value()).isEqualTo(2);
				assertThat(registry.get("grpc.server.admitted.max").gauge().value()).isEqualTo(2);
			}
		});
	}

	@Test
	void serverExecutorQueueHoldsTwiceTheCallLimit() {
		this.runner.run((context) -> {
			ThreadPoolExecutor pool = context.getBean(AppServerAutoConfiguration.SERVER_EXECUTOR_BEAN_NAME,
					ThreadPoolExecutor.class);
			assertThat(pool.getQueue().remainingCapacity()).isEqualTo(4);
		});
	}

	@Test
	void clientStreamWithinItsByteLimitIsServed() {
		this.runner.withPropertyValues("microservice.server.max-client-stream-size=10KB").run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				assertThat(join(channel, 8, 1000).getText()).hasSize(8 * 1000 + 7);
			}
		});
	}

	@Test
	void clientStreamBeyondItsByteLimitIsResourceExhaustedAndCounted() {
		this.runner.withPropertyValues("microservice.server.max-client-stream-size=10KB").run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
						() -> join(channel, 20, 1000));
				assertThat(refused.getStatus().getCode()).isEqualTo(Code.RESOURCE_EXHAUSTED);
				assertThat(refused.getStatus().getDescription())
					.isEqualTo("The requests of this call exceed 10240 bytes in all; send them in several calls");
				assertThat(context.getBean(JoinService.class).completed).hasValue(0);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("grpc.server.refused").tag("reason", "max-client-stream-size")
					.functionCounter()
					.count()).isEqualTo(1);
			}
		});
	}

	@Test
	void limitOfNoCallStopsTheStartNamingIt() {
		this.runner.withPropertyValues("microservice.server.max-concurrent-calls=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("0 would let no call through.");
		});
	}

	private List<Future<String>> holdCalls(LoopbackChannel channel, int count) {
		List<Future<String>> calls = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			calls.add(ClientCalls.futureUnaryCall(channel.channel()
				.newCall(ProbeService.CALL, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)), "hold"));
		}
		return calls;
	}

	private static EchoReply join(LoopbackChannel channel, int requests, int size) throws Exception {
		CompletableFuture<EchoReply> reply = new CompletableFuture<>();
		StreamObserver<EchoRequest> stream = EchoGrpc.newStub(channel.channel())
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.join(new StreamObserver<>() {

				@Override
				public void onNext(EchoReply value) {
					reply.complete(value);
				}

				@Override
				public void onError(Throwable error) {
					reply.completeExceptionally(error);
				}

				@Override
				public void onCompleted() {
				}

			});
		for (int i = 0; i < requests; i++) {
			stream.onNext(EchoRequest.newBuilder().setText("x".repeat(size)).build());
		}
		stream.onCompleted();
		try {
			return reply.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw (StatusRuntimeException) ex.getCause();
		}
	}

	/** Joins the texts of a client stream, as a service that keeps every request until the end does. */
	static class JoinService extends EchoGrpc.EchoImplBase {

		final AtomicInteger completed = new AtomicInteger();

		@Override
		public StreamObserver<EchoRequest> join(StreamObserver<EchoReply> responseObserver) {
			List<String> texts = new ArrayList<>();
			return new StreamObserver<>() {

				@Override
				public void onNext(EchoRequest request) {
					texts.add(request.getText());
				}

				@Override
				public void onError(Throwable error) {
				}

				@Override
				public void onCompleted() {
					JoinService.this.completed.incrementAndGet();
					responseObserver.onNext(EchoReply.newBuilder().setText(String.join(" ", texts)).build());
					responseObserver.onCompleted();
				}

			};
		}

	}

}

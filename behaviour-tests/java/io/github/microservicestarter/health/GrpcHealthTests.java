package io.github.microservicestarter.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.Uninterruptibles;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.instrumentation.ObservedServer;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.ProbeService;
import io.github.microservicestarter.test.ActuatorHealth;
import io.github.microservicestarter.test.SwitchableHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gRPC health service says what the app's probes say: readiness for the server and every
 * service, liveness for the {@code liveness} service, and NOT_SERVING as soon as the app closes.
 */
class GrpcHealthTests {

	private static final List<String> SERVICES = List.of("", "grpc.health.v1.Health",
			"grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

	private final ApplicationContextRunner runner = GrpcServerRunner.onFreePort()
		.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
				GrpcHealthAutoConfiguration.class));

	@Test
	void serverAndEveryServiceFollowReadinessAndWatchStreamsTheChanges() {
		this.runner.run((context) -> {
			ManagedChannel channel = ObservedServer.channel(context);
			Context.CancellableContext watching = Context.current().withCancellation();
			try {
				assertThat(statuses(channel)).as("before the app is ready").containsOnly(ServingStatus.NOT_SERVING);
				BlockingQueue<ServingStatus> watched = watch(channel, watching);
				assertThat(watched.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);

				AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
				assertThat(statuses(channel)).containsOnly(ServingStatus.SERVING);
				assertThat(watched.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);

				AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
				assertThat(statuses(channel)).containsOnly(ServingStatus.NOT_SERVING);
				assertThat(watched.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
			}
			finally {
				watching.cancel(null);
				channel.shutdownNow();
			}
		});
	}

	@Test
	void livenessServiceFollowsTheLivenessState() {
		this.runner.run((context) -> {
			ManagedChannel channel = ObservedServer.channel(context);
			try {
				AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
				assertThat(check(channel, "liveness")).isEqualTo(ServingStatus.SERVING);
				AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
				assertThat(check(channel, "liveness")).isEqualTo(ServingStatus.NOT_SERVING);
			}
			finally {
				channel.shutdownNow();
			}
		});
	}

	@Test
	void readinessGroupMemberGoingDownMakesEveryServiceNotServing() {
		SwitchableHealthIndicator database = new SwitchableHealthIndicator();
		this.runner.withConfiguration(ActuatorHealth.autoConfigurations())
			.withBean("database", SwitchableHealthIndicator.class, () -> database)
			.withPropertyValues("management.endpoint.health.probes.enabled=true",
					"management.endpoint.health.group.readiness.include=readinessState,database",
					"microservice.health.readiness-poll-interval=50ms")
			.run((context) -> {
				ManagedChannel channel = ObservedServer.channel(context);
				try {
					AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
					assertThat(statuses(channel)).containsOnly(ServingStatus.SERVING);

					database.set("DOWN");
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(statuses(channel)).containsOnly(ServingStatus.NOT_SERVING));

					database.set("UP");
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(statuses(channel)).containsOnly(ServingStatus.SERVING));
				}
				finally {
					channel.shutdownNow();
				}
			});
	}

	@Test
	void closingAppIsNotServingWhileTheServerStillFinishesACall() {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.runner.withPropertyValues("microservice.server.shutdown-grace-period=10s")
			.withBean(ProbeService.class, () -> new ProbeService((request) -> {
				started.countDown();
				Uninterruptibles.awaitUninterruptibly(release, 10, TimeUnit.SECONDS);
				return "done";
			}))
			.run((context) -> {
				ManagedChannel channel = ObservedServer.channel(context);
				Context.CancellableContext watching = Context.current().withCancellation();
				try {
					AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
					BlockingQueue<ServingStatus> watched = watch(channel, watching);
					assertThat(watched.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);
					Future<String> call = ProbeService.callAsync(channel);
					assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

					CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
					assertThat(watched.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
					assertThat(call.isDone()).as("the call in flight is done").isFalse();
					assertThat(closing).isNotDone();

					watching.cancel(null);
					release.countDown();
					assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("done");
					assertThat(closing).succeedsWithin(Duration.ofSeconds(10));
				}
				finally {
					release.countDown();
					watching.cancel(null);
					channel.shutdownNow();
				}
			});
	}

	private static List<ServingStatus> statuses(Channel channel) {
		return SERVICES.stream().map((service) -> check(channel, service)).toList();
	}

	private static ServingStatus check(Channel channel, String service) {
		return HealthGrpc.newBlockingStub(channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.newBuilder().setService(service).build())
			.getStatus();
	}

	private static BlockingQueue<ServingStatus> watch(Channel channel, Context.CancellableContext context) {
		BlockingQueue<ServingStatus> statuses = new LinkedBlockingQueue<>();
		context.run(() -> HealthGrpc.newStub(channel)
			.watch(HealthCheckRequest.getDefaultInstance(), new StreamObserver<HealthCheckResponse>() {

				@Override
				public void onNext(HealthCheckResponse response) {
					statuses.add(response.getStatus());
				}

				@Override
				public void onError(Throwable error) {
				}

				@Override
				public void onCompleted() {
				}

			}));
		return statuses;
	}

}

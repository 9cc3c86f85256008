package io.github.microservicestarter.instrumentation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.client.TargetAppId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Every call is timed on both sides by service, method and status code, client calls also by the
 * target app id; calls in flight and stream messages are counted; call timers publish histograms unless configured otherwise.
 */
class GrpcMetricsTests {

	private static final String HEALTH = "grpc.health.v1.Health";

	private static final DistributionStatisticConfig UNSET = DistributionStatisticConfig.builder().build();

	private static final DistributionStatisticConfig NO_HISTOGRAM = DistributionStatisticConfig.builder()
		.percentilesHistogram(false)
		.build();

	@Test
	void callsAreTimedOnBothSidesByServiceMethodAndStatusAndClientCallsByTargetAppId() {
		ObservedServer.withMetrics().run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			ManagedChannel channel = ObservedServer.channel(context);
			try {
				HealthGrpc.HealthBlockingStub health = HealthGrpc
					.newBlockingStub(ObservedServer.intercepted(channel, context))
					.withOption(TargetAppId.CALL_OPTION, "inventory")
					.withDeadlineAfter(10, TimeUnit.SECONDS);
				health.check(HealthCheckRequest.getDefaultInstance());
				StatusRuntimeException notFound = catchThrowableOfType(StatusRuntimeException.class,
						() -> health.check(HealthCheckRequest.newBuilder().setService("no.Such").build()));
				assertThat(notFound.getStatus().getCode()).isEqualTo(Code.NOT_FOUND);

				// The server times the call after the client has its answer: wait for it.
				await().atMost(5, TimeUnit.SECONDS).until(() -> serverCalls(registry, "NOT_FOUND") != null);
				assertThat(serverCalls(registry, "OK").count()).isEqualTo(1);
				assertThat(serverCalls(registry, "NOT_FOUND").count()).isEqualTo(1);
				assertThat(registry.get("grpc.client")
					.tags("rpc.service", HEALTH, "rpc.method", "Check", "grpc.status_code", "NOT_FOUND",
							"target.app.id", "inventory")
					.timer()
					.count()).isEqualTo(1);
				Timer okClientCalls = registry.get("grpc.client")
					.tags("rpc.service", HEALTH, "grpc.status_code", "OK", "target.app.id", "inventory")
					.timer();
				assertThat(okClientCalls.count()).isEqualTo(1);
				// The simple registry keeps no buckets: what Prometheus gets is up to the filter.
				MeterFilter filter = context.getBean("grpcMeterFilter", MeterFilter.class);
				assertThat(filter.configure(okClientCalls.getId(), UNSET).isPercentileHistogram()).isTrue();
				assertThat(filter.configure(serverCalls(registry, "OK").getId(), UNSET).isPercentileHistogram()).isTrue();
				assertThat(filter.configure(okClientCalls.getId(), NO_HISTOGRAM).isPercentileHistogram()).isFalse();
			}
			finally {
				channel.shutdownNow();
			}
		});
	}

	@Test
	void callsWithoutTargetAppIdAreTaggedNone() {
		ObservedServer.withMetrics().run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			ManagedChannel channel = ObservedServer.channel(context);
			try {
				HealthGrpc.newBlockingStub(ObservedServer.intercepted(channel, context))
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.check(HealthCheckRequest.getDefaultInstance());
				assertThat(registry.get("grpc.client").tag("target.app.id", "none").timer().count()).isEqualTo(1);
			}
			finally {
				channel.shutdownNow();
			}
		});
	}

	@Test
	void callsEndedByAnExceptionAreTimedByItsClass() {
		ObservedServer.withMetrics().run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", closedPort()).usePlaintext().build();
			try {
				HealthGrpc.HealthBlockingStub health = HealthGrpc
					.newBlockingStub(ObservedServer.intercepted(channel, context))
					.withDeadlineAfter(10, TimeUnit.SECONDS);
				for (int call = 0; call < 2; call++) {
					StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
							() -> health.check(HealthCheckRequest.getDefaultInstance()));
					assertThat(refused.getStatus().getCode()).isEqualTo(Code.UNAVAILABLE);
				}
				Timer refusedCalls = registry.get("grpc.client").tag("grpc.status_code", "UNAVAILABLE").timer();
				assertThat(refusedCalls.getId().getTag("error")).isNotEqualTo("none");
				assertThat(refusedCalls.count()).isEqualTo(2);
			}
			finally {
				channel.shutdownNow();
			}
		});
	}

	@Test
	void streamMessagesAndCallsInFlightAreCountedWithoutAStatusCode() {
		ObservedServer.withMetrics().run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			ManagedChannel channel = ObservedServer.channel(context);
			Context.CancellableContext watching = Context.current().withCancellation();
			try {
				Channel intercepted = ObservedServer.intercepted(channel, context);
				Iterator<HealthCheckResponse> statuses = watching.call(() -> HealthGrpc.newBlockingStub(intercepted)
					.withOption(TargetAppId.CALL_OPTION, "inventory")
					.watch(HealthCheckRequest.getDefaultInstance()));
				assertThat(statuses.next().getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

				Gauge serverInFlight = registry.get("grpc.server.active").tag("rpc.method", "Watch").gauge();
				Gauge clientInFlight = registry.get("grpc.client.active")
					.tags("rpc.method", "Watch", "target.app.id", "inventory")
					.gauge();
				assertThat(serverInFlight.value()).isEqualTo(1);
				assertThat(clientInFlight.value()).isEqualTo(1);
				assertThat(serverInFlight.getId().getTag("grpc.status_code")).isNull();
				assertThat(registry.get("grpc.server.sent").tag("rpc.type", "SERVER_STREAMING").counter().count())
					.isEqualTo(1);
				assertThat(registry.get("grpc.server.received").tag("rpc.method", "Watch").counter().count())
					.isEqualTo(1);
				assertThat(registry.get("grpc.client.received").tags("rpc.method", "Watch", "target.app.id", "inventory")
					.counter()
					.count()).isEqualTo(1);

				watching.cancel(null);
				await().atMost(5, TimeUnit.SECONDS).until(() -> serverInFlight.value() == 0);
				assertThat(clientInFlight.value()).isZero();
				assertThat(registry.get("grpc.server.cancelled").tag("rpc.method", "Watch").counter().count())
					.isEqualTo(1);
				assertThat(registry.get("grpc.server").tags("rpc.method", "Watch", "grpc.status_code", "CANCELLED")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.get("grpc.client")
					.tags("rpc.method", "Watch", "grpc.status_code", "CANCELLED", "target.app.id", "inventory")
					.timer()
					.count()).isEqualTo(1);
			}
			finally {
				watching.cancel(null);
				channel.shutdownNow();
			}
		});
	}

	private static Timer serverCalls(MeterRegistry registry, String statusCode) {
		return registry.find("grpc.server")
			.tags("rpc.service", HEALTH, "rpc.method", "Check", "rpc.type", "UNARY", "grpc.status_code", statusCode)
			.timer();
	}

	/** A loopback port nothing listens on: connecting to it is refused. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

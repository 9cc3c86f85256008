package io.github.microservicestarter.dapr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.dapr.v1.CommonProtos.InvokeRequest;
import io.dapr.v1.CommonProtos.InvokeResponse;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprInvokeProtos.InvokeServiceRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import io.github.microservicestarter.callback.CloudEvent;
import io.github.microservicestarter.dapr.RecordingCallbacks.BindingEvent;
import io.github.microservicestarter.dapr.RecordingCallbacks.Delivery;
import io.github.microservicestarter.dapr.RecordingCallbacks.Handlers;
import io.github.microservicestarter.dapr.RecordingCallbacks.Order;
import io.github.microservicestarter.server.DaprMetadata;
import io.github.microservicestarter.test.dapr.DaprTools;
import io.github.microservicestarter.test.dapr.Daprd;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Dapr's callbacks from a real daprd: service invocation, pub/sub (the in-memory bus, with the
 * retry policy of {@code dapr/components/resiliency.yaml}), bulk subscribe, the cron input binding
 * and the app health check. daprd and the app require their API tokens, as in production.
 */
class AppCallbacksThroughDaprdTests {

	private static final String SIDECAR_TOKEN = "sidecar-token";

	private static final String APP_TOKEN = "app-token";

	private static final String APP_ID = "subscriber";

	private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);

	/** daprd's working directory, kept when a test fails: its log is there. */
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	static Path daprDirectory;

	static ConfigurableApplicationContext app;

	static Daprd sidecar;

	static ManagedChannel toSidecar;

	@BeforeAll
	static void startAppAndSidecar() throws Exception {
		// Without daprd, fails under CI and skips elsewhere before anything starts.
		DaprTools.daprd();
		app = TestApps.start(RecordingCallbacks.class, APP_ID, "microservice.security.app-api-token=" + APP_TOKEN);
		sidecar = Daprd.builder(APP_ID, daprDirectory)
			.appPort(TestApps.port(app))
			.environment("DAPR_API_TOKEN", SIDECAR_TOKEN)
			.environment("APP_API_TOKEN", APP_TOKEN)
			// Probed every second; unhealthy after two probes in a row fail or take a second (on a busy
			// machine a probe can take longer than daprd's default timeout, 500 ms).
			.arguments("--enable-app-health-check", "--app-health-probe-interval", "1", "--app-health-probe-timeout",
					"1000", "--app-health-threshold", "2")
			.start();
		toSidecar = ManagedChannelBuilder.forAddress("127.0.0.1", sidecar.grpcPort()).usePlaintext().build();
		// daprd asks for the subscriptions and bindings once the app is healthy.
		await(sidecar + " listing the app's subscriptions in its metadata").atMost(DELIVERY_TIMEOUT)
			.until(() -> sidecar.get("/v1.0/metadata").body().contains("\"topic\":\"orders\""));
	}

	@AfterAll
	static void stopSidecarAndApp() throws Exception {
		if (toSidecar != null) {
			toSidecar.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		if (sidecar != null) {
			sidecar.close();
		}
		if (app != null) {
			app.close();
		}
	}

	private static Handlers handlers() {
		return app.getBean(Handlers.class);
	}

	@Test
	void appWithAnAppTokenIsHealthyAndDaprdReadsItsSubscriptionsAndBindings() {
		assertThat(sidecar.log()).contains("App entered healthy status");
		String metadata = sidecar.get("/v1.0/metadata").body();
		assertThat(metadata).contains("\"topic\":\"orders\"", "\"topic\":\"retried\"", "\"topic\":\"dropped\"",
				"\"topic\":\"bulk-orders\"");
		await().atMost(DELIVERY_TIMEOUT).until(() -> !handlers().bindingEvents().isEmpty());
	}

	@Test
	void invokeServiceOnDaprdReachesTheInvokeHandler() {
		InvokeResponse response = dapr().invokeService(InvokeServiceRequest.newBuilder()
			.setId(APP_ID)
			.setMessage(InvokeRequest.newBuilder()
				.setMethod("EchoMethod")
				.setContentType("text/plain")
				.setData(Any.newBuilder().setValue(ByteString.copyFromUtf8("ping"))))
			.build());
		assertThat(response.getData().getValue().toStringUtf8()).isEqualTo("echo ping");
		assertThat(response.getContentType()).isEqualTo("text/plain; charset=UTF-8");
		assertThat(handlers().invocations()).contains("ping");
	}

	@Test
	void publishedJsonEventReachesTheTopicHandlerWithItsCloudEventAttributes() {
		assertThat(publish("orders", "{\"id\":\"o-1\",\"amount\":12.5}")).isEqualTo(204);
		await().atMost(DELIVERY_TIMEOUT).until(() -> !handlers().deliveries("orders").isEmpty());
		Delivery delivery = handlers().deliveries("orders").get(0);
		assertThat(delivery.data()).isEqualTo(new Order("o-1", 12.5));
		CloudEvent event = delivery.event();
		assertThat(event.id()).isNotEmpty();
		assertThat(event.source()).isEqualTo(APP_ID);
		assertThat(event.type()).isEqualTo("com.dapr.event.sent");
		assertThat(event.specVersion()).isEqualTo("1.0");
		assertThat(event.dataContentType()).isEqualTo("application/json");
		assertThat(event.topic()).isEqualTo("orders");
		assertThat(event.pubsubName()).isEqualTo("pubsub");
	}

	@Test
	void eventWhoseHandlerFailsIsRedeliveredAsTheRetryPolicySays() {
		assertThat(publish("retried", "\"again\"")).isEqualTo(204);
		// 1 delivery and 3 retries, 200 ms apart (dapr/components/resiliency.yaml), then no more.
		await().atMost(DELIVERY_TIMEOUT).until(() -> handlers().deliveries("retried").size() >= 4);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
			.until(() -> handlers().deliveries("retried").size() == 4);
		assertThat(handlers().deliveries("retried")).extracting((delivery) -> delivery.event().id())
			.containsOnly(handlers().deliveries("retried").get(0).event().id());
	}

	@Test
	void eventWhoseHandlerFailsPermanentlyIsDroppedNotRedelivered() {
		assertThat(publish("dropped", "\"never\"")).isEqualTo(204);
		await().atMost(DELIVERY_TIMEOUT).until(() -> !handlers().deliveries("dropped").isEmpty());
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
			.until(() -> handlers().deliveries("dropped").size() == 1);
	}

	@Test
	void eventOfABulkSubscriptionReachesItsHandlerThroughBulkDelivery() {
		assertThat(publish("bulk-orders", "{\"id\":\"o-2\",\"amount\":3}")).isEqualTo(204);
		await().atMost(DELIVERY_TIMEOUT).until(() -> !handlers().deliveries("bulk-orders").isEmpty());
		assertThat(handlers().deliveries("bulk-orders").get(0).data()).isEqualTo(new Order("o-2", 3));
		// Metered as the call closes, just after the handler returned.
		await().atMost(Duration.ofSeconds(5)).until(() -> callsServed("OnBulkTopicEvent") > 0);
	}

	@Test
	void cronBindingReachesTheBindingHandler() {
		await().atMost(DELIVERY_TIMEOUT).until(() -> !handlers().bindingEvents().isEmpty());
		BindingEvent event = handlers().bindingEvents().get(0);
		assertThat(event.binding().name()).isEqualTo("storage");
		assertThat(event.binding().metadata()).containsKey("readTimeUTC");
		assertThat(event.data()).isEmpty();
	}

	@Test
	void appThatStopsBeingReadyIsMarkedUnhealthyByDaprdAndHealthyAgainOnceReady() {
		int healthy = occurrences(sidecar.log(), "App entered healthy status");
		int unhealthy = occurrences(sidecar.log(), "App entered un-healthy status");
		AvailabilityChangeEvent.publish(app, ReadinessState.REFUSING_TRAFFIC);
		try {
			await().atMost(DELIVERY_TIMEOUT)
				.until(() -> occurrences(sidecar.log(), "App entered un-healthy status") == unhealthy + 1);
			StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
					() -> dapr().invokeService(echoRequest("while unhealthy")));
			assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
			assertThat(refused.getStatus().getDescription()).contains("app is not in a healthy state");
		}
		finally {
			AvailabilityChangeEvent.publish(app, ReadinessState.ACCEPTING_TRAFFIC);
		}
		await().atMost(DELIVERY_TIMEOUT)
			.until(() -> occurrences(sidecar.log(), "App entered healthy status") == healthy + 1);
		assertThat(dapr().invokeService(echoRequest("healthy again")).getData().getValue().toStringUtf8())
			.isEqualTo("echo healthy again");
	}

	private static InvokeServiceRequest echoRequest(String text) {
		return InvokeServiceRequest.newBuilder()
			.setId(APP_ID)
			.setMessage(InvokeRequest.newBuilder()
				.setMethod("EchoMethod")
				.setContentType("text/plain")
				.setData(Any.newBuilder().setValue(ByteString.copyFromUtf8(text))))
			.build();
	}

	/** Dapr's API on the sidecar, with its token. */
	private static DaprGrpc.DaprBlockingStub dapr() {
		Metadata token = new Metadata();
		token.put(DaprMetadata.API_TOKEN, SIDECAR_TOKEN);
		return DaprGrpc.newBlockingStub(toSidecar)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(token))
			.withDeadlineAfter(10, TimeUnit.SECONDS);
	}

	/** Publishes JSON to a topic of the in-memory pub/sub, which is the sidecar's own. */
	private static int publish(String topic, String json) {
		return sidecar.post("/v1.0/publish/pubsub/" + topic, "application/json", json).statusCode();
	}

	/** How many calls of an AppCallback method the app served, as its gRPC server meters count them. */
	private static long callsServed(String method) {
		return app.getBean(MeterRegistry.class)
			.find("grpc.server")
			.tag("rpc.method", method)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private static int occurrences(String text, String part) {
		return (text.length() - text.replace(part, "").length()) / part.length();
	}

}

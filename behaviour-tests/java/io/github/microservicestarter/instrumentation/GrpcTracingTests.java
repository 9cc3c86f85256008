package io.github.microservicestarter.instrumentation;

import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.microservicestarter.accesslog.AccessLogAutoConfiguration;
import io.github.microservicestarter.test.BootAutoConfigurations;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A served call continues the caller's trace: in a server span named by the RPC when the caller
 * sampled it, in the service's callbacks (its log lines) either way, and in the exemplars of the
 * call timer.
 */
@ExtendWith(OutputCaptureExtension.class)
class GrpcTracingTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

	private static final String SIDECAR_SPAN_ID = "53cc10a3d93bed30";

	private static final AttributeKey<String> STATUS_CODE = AttributeKey.stringKey("grpc.status_code");

	@Test
	void sampledCallIsAServerSpanOfTheCallersTraceNamedAndTaggedByTheRpc() {
		ObservedServer.withTracing().withBean(RecordingSpanExporter.class).run((context) -> {
			check(context, "01");
			SpanData span = context.getBean(RecordingSpanExporter.class).only(SpanKind.SERVER);
			assertThat(span.getName()).isEqualTo("grpc.health.v1.Health/Check");
			assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(span.getParentSpanId()).isEqualTo(CALLER_SPAN_ID);
			assertThat(span.getAttributes().get(AttributeKey.stringKey("rpc.service"))).isEqualTo("grpc.health.v1.Health");
			assertThat(span.getAttributes().get(AttributeKey.stringKey("rpc.method"))).isEqualTo("Check");
			assertThat(span.getAttributes().get(AttributeKey.stringKey("rpc.type"))).isEqualTo("UNARY");
			assertThat(span.getAttributes().get(STATUS_CODE)).isEqualTo("OK");
		});
	}

	@Test
	void callThroughDaprSidecarsContinuesTheSidecarsSpanWhoseTraceparentComesLast() {
		// A traced daprd (1.18) keeps the caller's traceparent and adds its own span's after it.
		ObservedServer.withTracing().withBean(RecordingSpanExporter.class).run((context) -> {
			checkWithTraceparents(context, "00-%s-%s-01".formatted(TRACE_ID, CALLER_SPAN_ID),
					"00-%s-%s-01".formatted(TRACE_ID, SIDECAR_SPAN_ID));
			SpanData span = context.getBean(RecordingSpanExporter.class).only(SpanKind.SERVER);
			assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(span.getParentSpanId()).isEqualTo(SIDECAR_SPAN_ID);
		});
	}

	@Test
	void callTheCallerDidNotSampleExportsNoSpanButItsCallbacksStillRunInItsTrace(CapturedOutput output) {
		ObservedServer.withTracing()
			.withConfiguration(AutoConfigurations.of(AccessLogAutoConfiguration.class))
			.withPropertyValues("microservice.access-log.enabled=true")
			.withBean(RecordingSpanExporter.class)
			.run((context) -> {
				check(context, "00");
				// The access log reads the trace id in the service's callback, as the service's own log lines would.
				assertThat(output.getOut()).contains("trace=" + TRACE_ID);
				assertThat(context.getBean(RecordingSpanExporter.class).spans()).isEmpty();
			});
	}

	@Test
	void callTimerExemplarsNameTheSampledTrace() {
		ObservedServer.withTracing()
			.withConfiguration(BootAutoConfigurations.prometheus())
			.run((context) -> {
				check(context, "01");
				String scrape = context.getBean(PrometheusMeterRegistry.class)
					.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
				assertThat(scrape.lines().filter((line) -> line.startsWith("grpc_server_seconds_bucket")))
					.anyMatch((line) -> line.contains("trace_id=\"" + TRACE_ID + "\""));
			});
	}

	/**
	 * Calls Health/Check as an app would that traces with the given W3C flags (01 sampled, 00 not),
	 * and waits for the server to end the call: its span and meters come after the answer.
	 */
	private static void check(ApplicationContext context, String flags) {
		checkWithTraceparents(context, "00-%s-%s-%s".formatted(TRACE_ID, CALLER_SPAN_ID, flags));
	}

	/**
	 * Calls Health/Check with the given traceparent values, in order, and waits for the server to
	 * end the call.
	 */
	private static void checkWithTraceparents(ApplicationContext context, String... traceparents) {
		ManagedChannel channel = ObservedServer.channel(context);
		try {
			Metadata headers = new Metadata();
			for (String traceparent : traceparents) {
				headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), traceparent);
			}
			HealthGrpc.newBlockingStub(channel)
				.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.check(HealthCheckRequest.getDefaultInstance());
		}
		finally {
			channel.shutdownNow();
		}
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		// Calls in flight are counted down once the call is timed; the span ends right after.
		await().atMost(5, TimeUnit.SECONDS)
			.until(() -> registry.find("grpc.server").tag("rpc.method", "Check").timer() != null
					&& registry.get("grpc.server.active").tag("rpc.method", "Check").gauge().value() == 0);
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
	}

}

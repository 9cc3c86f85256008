package io.github.microservicestarter.instrumentation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.BindableService;
import io.grpc.ClientInterceptors;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import io.github.microservicestarter.accesslog.AccessLogAutoConfiguration;
import io.github.microservicestarter.server.ProbeService;
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
 * call timer. A call that is not sampled, by the caller or by the app's sampler for a new trace,
 * has no span: only its trace id, in the log context.
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
			// As OpenTelemetry's W3C propagator reads a caller's context, which its exporters mark as remote.
			assertThat(span.getParentSpanContext().isRemote()).isTrue();
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
	void callTheCallerDidNotSampleRunsWithoutASpanWithItsTraceInTheLogContext() {
		ObservedServer.withTracing().withBean(RecordingSpanExporter.class).withBean(TraceProbe.class).run((context) -> {
			call(context, "00-%s-%s-00".formatted(TRACE_ID, CALLER_SPAN_ID));
			TraceProbe probe = context.getBean(TraceProbe.class);
			assertThat(probe.seen).containsExactly("log " + TRACE_ID + ", no span");
			assertThat(context.getBean(RecordingSpanExporter.class).spans()).isEmpty();
		});
	}

	@Test
	void appsOwnSamplerIsAskedAboutACallTheCallerDidNotSample() {
		CountingSampler sampler = new CountingSampler();
		ObservedServer.withTracing()
			.withBean(RecordingSpanExporter.class)
			.withBean(Sampler.class, () -> sampler)
			.run((context) -> {
				check(context, "00");
				assertThat(sampler.asked).hasValue(1);
				assertThat(context.getBean(RecordingSpanExporter.class).only(SpanKind.SERVER).getTraceId())
					.isEqualTo(TRACE_ID);
			});
	}

	@Test
	void parentBasedSamplerThatSamplesUnsampledRemoteParentsSamplesACallTheCallerDidNotSample() {
		// Of the parent-based samplers, only those that drop such calls (Spring Boot's) drop them unasked.
		Sampler sampler = Sampler.parentBasedBuilder(Sampler.alwaysOff())
			.setRemoteParentNotSampled(Sampler.alwaysOn())
			.build();
		ObservedServer.withTracing()
			.withBean(RecordingSpanExporter.class)
			.withBean(Sampler.class, () -> sampler)
			.run((context) -> {
				check(context, "00");
				SpanData span = context.getBean(RecordingSpanExporter.class).only(SpanKind.SERVER);
				assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
				assertThat(span.getParentSpanId()).isEqualTo(CALLER_SPAN_ID);
			});
	}

	@Test
	void tracingTurnedOffTracesNoCallEvenOneTheCallerSampled() {
		// Spring Boot 3's switch; Boot 4 deprecated it with an error, for management.tracing.export.enabled.
		ObservedServer.withTracing()
			.withPropertyValues("management.tracing.enabled=false")
			.withBean(RecordingSpanExporter.class)
			.withBean(TraceProbe.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CallTracing.class);
				call(context, "00-%s-%s-01".formatted(TRACE_ID, CALLER_SPAN_ID));
				assertThat(context.getBean(TraceProbe.class).seen).containsExactly("log null, no span");
				assertThat(context.getBean(RecordingSpanExporter.class).spans()).isEmpty();
			});
	}

	@Test
	void spanTheServiceStartsInACallTheCallerDidNotSampleIsNotSampledEither() {
		ObservedServer.withTracing().withBean(RecordingSpanExporter.class).withBean(SpanStarter.class).run((context) -> {
			call(context, "00-%s-%s-00".formatted(TRACE_ID, CALLER_SPAN_ID));
			assertThat(context.getBean(SpanStarter.class).started).hasValue(1);
			assertThat(context.getBean(RecordingSpanExporter.class).spans()).isEmpty();
		});
	}

	@Test
	void newTraceTheSamplerDropsRunsWithoutASpanWithANewTraceIdInTheLogContext() {
		ObservedServer.withTracing()
			.withPropertyValues("management.tracing.sampling.probability=0.0")
			.withBean(RecordingSpanExporter.class)
			.withBean(TraceProbe.class)
			.run((context) -> {
				call(context);
				call(context);
				List<String> seen = context.getBean(TraceProbe.class).seen;
				assertThat(seen).hasSize(2).allMatch((line) -> line.matches("log [0-9a-f]{32}, no span"));
				assertThat(seen.get(0)).isNotEqualTo(seen.get(1));
				assertThat(context.getBean(RecordingSpanExporter.class).spans()).isEmpty();
			});
	}

	@Test
	void newTraceTheSamplerSamplesIsAServerSpanWithoutParentAndItsTraceInTheLogContext() {
		ObservedServer.withTracing().withBean(RecordingSpanExporter.class).withBean(TraceProbe.class).run((context) -> {
			call(context);
			SpanData span = context.getBean(RecordingSpanExporter.class).only(SpanKind.SERVER);
			assertThat(span.getParentSpanContext().isValid()).isFalse();
			assertThat(context.getBean(TraceProbe.class).seen).containsExactly("span " + span.getTraceId());
		});
	}

	@Test
	void appsOwnSamplerDecidesOncePerCall() {
		CountingSampler sampler = new CountingSampler();
		ObservedServer.withTracing()
			.withBean(RecordingSpanExporter.class)
			.withBean(TraceProbe.class)
			.withBean(Sampler.class, () -> sampler)
			.run((context) -> {
				call(context);
				call(context);
				// Asked once per call: a span whose decision was asked again would have been dropped.
				assertThat(sampler.asked).hasValue(2);
				SpanData span = context.getBean(RecordingSpanExporter.class).only(SpanKind.SERVER);
				assertThat(context.getBean(TraceProbe.class).seen).containsExactly("span " + span.getTraceId(),
						"log " + sampler.dropped + ", no span");
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
	 * Calls the context's {@link TraceProbe} with the given traceparents, if any, and waits for
	 * the server to end the call.
	 */
	private static void call(ApplicationContext context, String... traceparents) {
		ManagedChannel channel = ObservedServer.channel(context);
		try {
			ProbeService.call(ClientInterceptors.intercept(channel,
					MetadataUtils.newAttachHeadersInterceptor(traceparents(traceparents))));
		}
		finally {
			channel.shutdownNow();
		}
		awaitEnded(context, "Call");
	}

	private static Metadata traceparents(String... values) {
		Metadata headers = new Metadata();
		for (String traceparent : values) {
			headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), traceparent);
		}
		return headers;
	}

	/** Waits for the server to end the call (meters, then span) and flushes the spans. */
	private static void awaitEnded(ApplicationContext context, String method) {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		// Calls in flight are counted down once the call is timed; the span ends right after.
		await().atMost(5, TimeUnit.SECONDS)
			.until(() -> registry.find("grpc.server").tag("rpc.method", method).timer() != null
					&& registry.get("grpc.server.active").tag("rpc.method", method).gauge().value() == 0);
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
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
			HealthGrpc.newBlockingStub(channel)
				.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(traceparents(traceparents)))
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.check(HealthCheckRequest.getDefaultInstance());
		}
		finally {
			channel.shutdownNow();
		}
		awaitEnded(context, "Check");
	}

	/**
	 * The app's own sampler: samples the first question, drops every later one, and counts them.
	 */
	static class CountingSampler implements Sampler {

		final AtomicInteger asked = new AtomicInteger();

		volatile String dropped;

		@Override
		public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
				Attributes attributes, List<LinkData> parentLinks) {
			if (this.asked.incrementAndGet() == 1) {
				return SamplingResult.recordAndSample();
			}
			this.dropped = traceId;
			return SamplingResult.drop();
		}

		@Override
		public String getDescription() {
			return "first only";
		}

	}

	/** A service that starts and ends a span of its own in each call, as an instrumented library would. */
	static class SpanStarter implements BindableService {

		final AtomicInteger started = new AtomicInteger();

		private final Tracer tracer;

		SpanStarter(Tracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public ServerServiceDefinition bindService() {
			return new ProbeService((request) -> {
				this.tracer.nextSpan().name("work").start().end();
				this.started.incrementAndGet();
				return request;
			}).bindService();
		}

	}

	/**
	 * A service that notes, for each call, the trace id of the tracer's current span ("span {trace
	 * id}") or, without one, the trace id in its log context ("log {trace id}, no span"). (The log
	 * context of a sampled span is the tracer's, which Spring Boot sets up only in a
	 * SpringApplication: the demos' tests check it.)
	 */
	static class TraceProbe implements BindableService {

		final List<String> seen = new CopyOnWriteArrayList<>();

		private final Tracer tracer;

		TraceProbe(Tracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public ServerServiceDefinition bindService() {
			return new ProbeService((request) -> {
				Span span = this.tracer.currentSpan();
				this.seen.add((span != null) ? "span " + span.context().traceId() : "log " + MDC.get("traceId") + ", no span");
				return request;
			}).bindService();
		}

	}

}

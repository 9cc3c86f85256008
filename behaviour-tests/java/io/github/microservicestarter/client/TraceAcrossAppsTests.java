package io.github.microservicestarter.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.grpc.BindableService;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import io.github.microservicestarter.instrumentation.GrpcInstrumentationAutoConfiguration;
import io.github.microservicestarter.instrumentation.ObservedServer;
import io.github.microservicestarter.instrumentation.RecordingSpanExporter;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.ProbeService;
import io.github.microservicestarter.test.BootAutoConfigurations;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The next app sees the trace of a served call whether it was sampled or not: an app serving a
 * call that calls another app through the sidecar client passes the trace on, sampled with its
 * spans, unsampled without any span, with the trace id in its log context either way. Whether the
 * call is sampled is the caller's decision when it sends one, the app's sampler's otherwise.
 */
class TraceAcrossAppsTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

	static EchoBackend next;

	@BeforeAll
	static void startNextApp() throws Exception {
		next = EchoBackend.start("next");
	}

	@AfterAll
	static void stopNextApp() throws Exception {
		next.close();
	}

	@Test
	void callTheCallerSampledIsPassedOnSampledWithItsSpans() {
		app("1.0").run((context) -> {
			Relayed relayed = relay(context, "00-%s-%s-01".formatted(TRACE_ID, CALLER_SPAN_ID));
			RecordingSpanExporter exported = context.getBean(RecordingSpanExporter.class);
			SpanData server = exported.only(SpanKind.SERVER);
			SpanData client = exported.only(SpanKind.CLIENT);
			assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(server.getParentSpanId()).isEqualTo(CALLER_SPAN_ID);
			assertThat(relayed.passedOn()).startsWith("00-%s-%s-".formatted(TRACE_ID, client.getSpanId()));
			assertThat(sampled(relayed.passedOn())).isTrue();
			assertThat(relayed.spanTraceId()).isEqualTo(TRACE_ID);
		});
	}

	@Test
	void callTheCallerDidNotSampleIsPassedOnUnsampledWithoutASpan() {
		// Every call the app starts itself would be sampled: the caller's decision wins.
		app("1.0").run((context) -> {
			Relayed relayed = relay(context, "00-%s-%s-00".formatted(TRACE_ID, CALLER_SPAN_ID));
			assertThat(relayed.passedOn()).matches("00-%s-[0-9a-f]{16}-00".formatted(TRACE_ID));
			assertThat(relayed.logTraceId()).isEqualTo(TRACE_ID);
			assertThat(relayed.spanTraceId()).isEqualTo("none");
			assertThat(context.getBean(RecordingSpanExporter.class).spans()).isEmpty();
		});
	}

	@Test
	void newTraceTheSamplerDropsIsPassedOnUnsampledWithoutASpan() {
		app("0.0").run((context) -> {
			Relayed relayed = relay(context, null);
			assertThat(relayed.logTraceId()).matches("[0-9a-f]{32}");
			assertThat(relayed.passedOn()).matches("00-%s-[0-9a-f]{16}-00".formatted(relayed.logTraceId()));
			assertThat(relayed.spanTraceId()).isEqualTo("none");
			assertThat(context.getBean(RecordingSpanExporter.class).spans()).isEmpty();
		});
	}

	@Test
	void newTraceTheSamplerSamplesIsPassedOnSampledWithItsSpans() {
		app("1.0").run((context) -> {
			Relayed relayed = relay(context, null);
			RecordingSpanExporter exported = context.getBean(RecordingSpanExporter.class);
			SpanData server = exported.only(SpanKind.SERVER);
			SpanData client = exported.only(SpanKind.CLIENT);
			assertThat(server.getParentSpanContext().isValid()).isFalse();
			assertThat(relayed.spanTraceId()).isEqualTo(server.getTraceId());
			assertThat(relayed.passedOn())
				.startsWith("00-%s-%s-".formatted(server.getTraceId(), client.getSpanId()));
			assertThat(sampled(relayed.passedOn())).isTrue();
		});
	}

	@Test
	void newTraceTheSamplerDropsInAnotherFormatGetsTheTracersSpanAndIsPassedOnInThatFormat() {
		// Only the tracer's propagators write B3: the call has its span, not sampled, as without a sampler.
		app("0.0").withPropertyValues("management.tracing.propagation.type=b3").run((context) -> {
			Relayed relayed = relay(context, "b3", null);
			assertThat(relayed.spanTraceId()).matches("[0-9a-f]{32}");
			assertThat(relayed.passedOn()).matches("%s-[0-9a-f]{16}-0".formatted(relayed.spanTraceId()));
			assertThat(context.getBean(RecordingSpanExporter.class).spans()).isEmpty();
		});
	}

	/** An app serving {@link Relay} with the next app as target "next", sampling as given. */
	private static ApplicationContextRunner app(String samplingProbability) {
		return GrpcServerRunner.onFreePort()
			.withConfiguration(AutoConfigurations.of(SidecarClientAutoConfiguration.class))
			.withConfiguration(BootAutoConfigurations.metrics())
			.withConfiguration(BootAutoConfigurations.tracing())
			.withConfiguration(AutoConfigurations.of(GrpcInstrumentationAutoConfiguration.class))
			.withPropertyValues("spring.application.name=relay", "microservice.client.mode=direct",
					"microservice.clients.next.address=static://" + next.address(),
					"management.tracing.sampling.probability=" + samplingProbability)
			.withBean(RecordingSpanExporter.class)
			.withBean(Relay.class);
	}

	private static Relayed relay(ApplicationContext context, String traceparent) {
		return relay(context, "traceparent", traceparent);
	}

	/**
	 * Calls the app's relay with a trace context header (or none), waits until the app ended the
	 * call, and says what its handler saw and what the next app received in that header.
	 */
	private static Relayed relay(ApplicationContext context, String header, String value) {
		int before = next.calls().size();
		ManagedChannel channel = ObservedServer.channel(context);
		try {
			Metadata headers = new Metadata();
			if (value != null) {
				headers.put(Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER), value);
			}
			ProbeService.call(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)));
		}
		finally {
			channel.shutdownNow();
		}
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		await().atMost(5, TimeUnit.SECONDS)
			.until(() -> registry.find("grpc.server").tag("rpc.method", "Call").timer() != null
					&& registry.get("grpc.server.active").tag("rpc.method", "Call").gauge().value() == 0);
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
		Map<String, String> received = next.calls().get(before).applicationHeaders();
		Relay relay = context.getBean(Relay.class);
		return new Relayed(received.get(header), relay.logTraceIds.get(0), relay.spanTraceIds.get(0));
	}

	/** The sampled bit of a W3C traceparent's flags (Spring Boot 4's OpenTelemetry sends 03 when sampled). */
	private static boolean sampled(String traceparent) {
		return (Integer.parseInt(traceparent.substring(traceparent.lastIndexOf('-') + 1), 16) & 0x01) != 0;
	}

	/**
	 * What a relayed call showed.
	 * @param passedOn the trace context header the next app received
	 * @param logTraceId the trace id in the log context of the relay's handler ("null" without one)
	 * @param spanTraceId the trace id of the tracer's current span in the handler ("none" without one)
	 */
	record Relayed(String passedOn, String logTraceId, String spanTraceId) {

	}

	/**
	 * The app's service: calls the next app through the sidecar client, noting the trace id of its
	 * log context and of the tracer's current span (the log context of a sampled span is the
	 * tracer's, which Spring Boot sets up only in a SpringApplication: the demos' tests check it).
	 */
	static class Relay implements BindableService {

		final List<String> logTraceIds = new CopyOnWriteArrayList<>();

		final List<String> spanTraceIds = new CopyOnWriteArrayList<>();

		private final SidecarChannels channels;

		private final Tracer tracer;

		Relay(SidecarChannels channels, Tracer tracer) {
			this.channels = channels;
			this.tracer = tracer;
		}

		@Override
		public ServerServiceDefinition bindService() {
			return new ProbeService((request) -> {
				Span span = this.tracer.currentSpan();
				this.logTraceIds.add(String.valueOf(MDC.get("traceId")));
				this.spanTraceIds.add((span != null) ? span.context().traceId() : "none");
				return new EchoClient(this.channels.channel("next")).get(request).getText();
			}).bindService();
		}

	}

}

package io.github.microservicestarter.client;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.microservicestarter.instrumentation.GrpcInstrumentationAutoConfiguration;
import io.github.microservicestarter.instrumentation.RecordingSpanExporter;
import io.github.microservicestarter.test.BootAutoConfigurations;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls through the real sidecar client, in direct mode and in sidecar mode through nginx, carry
 * the W3C trace context of their client span to the server, and time the call by target app id.
 */
class TracesThroughTheClientTests {

	@TempDir
	static Path nginxDir;

	static EchoBackend echo;

	static NginxSidecar sidecar;

	@BeforeAll
	static void startBackendAndSidecar() throws Exception {
		echo = EchoBackend.start("echo");
		sidecar = NginxSidecar.start(nginxDir, Map.of("echo", echo.port()));
	}

	@AfterAll
	static void stopSidecarAndBackend() throws Exception {
		if (sidecar != null) {
			sidecar.close();
		}
		echo.close();
	}

	@Test
	void directCallCarriesTheClientSpanAsTraceparentAndIsTimedByTargetAppId() {
		tracedClient().withPropertyValues("microservice.clients.echo.address=static://" + echo.address())
			.run((context) -> assertCallIsTracedAndTimed(context));
	}

	@Test
	void callThroughTheSidecarCarriesTheClientSpanAsTraceparentAndIsTimedByTargetAppId() {
		tracedClient().withPropertyValues("microservice.client.mode=sidecar",
				"microservice.client.sidecar-endpoint=127.0.0.1:" + sidecar.port())
			.run((context) -> assertCallIsTracedAndTimed(context));
	}

	@Test
	void callNotSampledStillCarriesItsTraceAsTraceparentAndExportsNoSpan() {
		tracedClient().withPropertyValues("microservice.clients.echo.address=static://" + echo.address(),
				"management.tracing.sampling.probability=0.0")
			.run((context) -> {
				int before = echo.calls().size();
				Span test = callInATestSpan(context);

				// The next app keeps the decision and the trace id, so its logs still join this one's.
				String traceparent = echo.calls().get(before).applicationHeaders().get("traceparent");
				assertThat(traceparent).matches("00-%s-[0-9a-f]{16}-[0-9a-f]{2}".formatted(test.context().traceId()));
				assertThat(sampled(traceparent)).isFalse();
				assertThat(context.getBean(RecordingSpanExporter.class).spans()).isEmpty();
			});
	}

	@Test
	void callOutsideAnySpanThatTheSamplerDropsCarriesANewTraceUnsampledAndExportsNoSpan() {
		tracedClient().withPropertyValues("microservice.clients.echo.address=static://" + echo.address(),
				"management.tracing.sampling.probability=0.0")
			.run((context) -> {
				int before = echo.calls().size();
				EchoClient client = new EchoClient(context.getBean(SidecarChannels.class).channel("echo"));
				client.get("first");
				client.get("second");
				String first = echo.calls().get(before).applicationHeaders().get("traceparent");
				String second = echo.calls().get(before + 1).applicationHeaders().get("traceparent");
				assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
				assertThat(second).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
				assertThat(first.substring(3, 35)).isNotEqualTo(second.substring(3, 35));
				context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
				assertThat(context.getBean(RecordingSpanExporter.class).spans()).isEmpty();
			});
	}

	/**
	 * The sampled bit of a W3C traceparent's flags. OpenTelemetry's newer versions (Spring Boot 4's)
	 * also set the random trace id bit, 0x02: the flags are 03 where older ones send 01.
	 */
	private static boolean sampled(String traceparent) {
		return (Integer.parseInt(traceparent.substring(traceparent.lastIndexOf('-') + 1), 16) & 0x01) != 0;
	}

	private static ApplicationContextRunner tracedClient() {
		return SidecarClientRunner.withEnvironment()
			.withConfiguration(BootAutoConfigurations.metrics())
			.withConfiguration(BootAutoConfigurations.tracing())
			.withConfiguration(AutoConfigurations.of(GrpcInstrumentationAutoConfiguration.class))
			.withPropertyValues("management.tracing.sampling.probability=1.0")
			.withBean(RecordingSpanExporter.class);
	}

	private static void assertCallIsTracedAndTimed(ApplicationContext context) {
		int before = echo.calls().size();
		Span test = callInATestSpan(context);

		SpanData clientSpan = context.getBean(RecordingSpanExporter.class).only(SpanKind.CLIENT);
		assertThat(clientSpan.getName()).isEqualTo("probe.Echo/Get");
		assertThat(clientSpan.getParentSpanId()).isEqualTo(test.context().spanId());
		assertThat(clientSpan.getTraceId()).isEqualTo(test.context().traceId());
		assertThat(clientSpan.getAttributes().get(AttributeKey.stringKey("target.app.id"))).isEqualTo("echo");
		assertThat(clientSpan.getAttributes().get(AttributeKey.stringKey("grpc.status_code"))).isEqualTo("OK");
		String traceparent = echo.calls().get(before).applicationHeaders().get("traceparent");
		assertThat(traceparent).startsWith("00-%s-%s-".formatted(clientSpan.getTraceId(), clientSpan.getSpanId()));
		assertThat(sampled(traceparent)).isTrue();
		assertThat(context.getBean(MeterRegistry.class)
			.get("grpc.client")
			.tags("rpc.method", "Get", "grpc.status_code", "OK", "target.app.id", "echo")
			.timer()
			.count()).isEqualTo(1);
	}

	/** Calls the echo app through the sidecar client inside a span of the test, then flushes the spans. */
	private static Span callInATestSpan(ApplicationContext context) {
		Tracer tracer = context.getBean(Tracer.class);
		EchoClient client = new EchoClient(context.getBean(SidecarChannels.class).channel("echo"));
		Span test = tracer.nextSpan().name("test").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(test)) {
			client.get("traced");
		}
		finally {
			test.end();
		}
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
		return test;
	}

}

package io.github.microservicestarter.instrumentation;

import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelTraceContext;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import io.github.microservicestarter.client.GlobalClientInterceptor;
import io.github.microservicestarter.server.GlobalServerInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Meters every gRPC call, served and made ({@code grpc.server} and {@code grpc.client}), and
 * traces it when the app has a Micrometer {@link Tracer}: a span per sampled call, carrying the
 * trace context in the call's metadata; with OpenTelemetry, a call that is not sampled carries its
 * trace context without a span ({@link UnsampledTrace}).
 */
// Spring Boot's meter registry and tracer, by their names on Boot 3 and on Boot 4.
@AutoConfiguration(afterName = { "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration" })
@ConditionalOnClass({ ServerInterceptor.class, MeterRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
public class GrpcInstrumentationAutoConfiguration {

	/**
	 * The order of the instrumentation interceptors: net.devh's slot for tracing and metrics,
	 * inside its exception handling, outside the interceptors an app declares without an order.
	 */
	public static final int INTERCEPTOR_ORDER = 2500;

	@Bean
	@GlobalServerInterceptor
	@Order(INTERCEPTOR_ORDER)
	@ConditionalOnMissingBean
	GrpcServerInstrumentation grpcServerInstrumentation(MeterRegistry registry, ObjectProvider<CallTracing> tracing) {
		return new GrpcServerInstrumentation(registry, tracing.getIfAvailable());
	}

	@Bean
	@GlobalClientInterceptor
	@Order(INTERCEPTOR_ORDER)
	@ConditionalOnMissingBean
	GrpcClientInstrumentation grpcClientInstrumentation(MeterRegistry registry, ObjectProvider<CallTracing> tracing) {
		return new GrpcClientInstrumentation(registry, tracing.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean(name = "grpcMeterFilter")
	MeterFilter grpcMeterFilter() {
		return new GrpcMeterFilter();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	static class TracingConfiguration {

		/**
		 * The tracing of calls; with OpenTelemetry, its sampler decides which calls get a span. The
		 * tracer is made from the sampler, so it is wrapped by the time the tracer is injected.
		 * Spring Boot 3's {@code management.tracing.enabled=false} leaves the tracer in place but
		 * propagates and exports nothing: calls are then not traced at all, where a span per call
		 * (no traceparent written, so none of them could go without one) cost more than tracing on.
		 */
		@Bean
		@ConditionalOnBean({ Tracer.class, Propagator.class })
		@ConditionalOnProperty(name = "management.tracing.enabled", havingValue = "true", matchIfMissing = true)
		@ConditionalOnMissingBean
		CallTracing grpcCallTracing(Tracer tracer, Propagator propagator, ObjectProvider<Sampling> sampling) {
			return new MicrometerCallTracing(tracer, propagator, sampling.getIfUnique());
		}

	}

	/** With Micrometer Tracing's OpenTelemetry bridge, whose spans the sampler's decisions start. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tracer.class, Sampler.class, OtelTraceContext.class })
	static class OpenTelemetrySamplingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		static CallSamplerPostProcessor grpcCallSamplerPostProcessor() {
			return new CallSamplerPostProcessor();
		}

	}

}

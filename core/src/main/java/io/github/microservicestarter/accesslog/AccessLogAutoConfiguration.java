package io.github.microservicestarter.accesslog;

import io.grpc.ServerInterceptor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import io.github.microservicestarter.instrumentation.GrpcInstrumentationAutoConfiguration;
import io.github.microservicestarter.instrumentation.UnsampledTrace;
import io.github.microservicestarter.server.GlobalServerInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The access log, when {@code microservice.access-log.enabled} is true.
 */
// Spring Boot's tracer, by its name on Boot 3 and on Boot 4.
@AutoConfiguration(afterName = { "org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration" })
@ConditionalOnClass(ServerInterceptor.class)
@EnableConfigurationProperties(AccessLogProperties.class)
@ConditionalOnProperty(prefix = "microservice.access-log", name = "enabled", havingValue = "true")
public class AccessLogAutoConfiguration {

	@Bean
	@GlobalServerInterceptor
	// Inside the instrumentation interceptor, so that the call's span is current for the trace id.
	@Order(GrpcInstrumentationAutoConfiguration.INTERCEPTOR_ORDER + 100)
	@ConditionalOnMissingBean
	AccessLogInterceptor accessLogInterceptor(ObjectProvider<TraceIds> traceIds) {
		return new AccessLogInterceptor(traceIds.getIfAvailable(() -> TraceIds.NONE));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	static class TracingConfiguration {

		@Bean
		@ConditionalOnBean(Tracer.class)
		@ConditionalOnMissingBean
		TraceIds tracerTraceIds(Tracer tracer) {
			return () -> {
				String unsampled = UnsampledTrace.currentTraceId();
				if (unsampled != null) {
					return unsampled;
				}
				Span span = tracer.currentSpan();
				return (span != null) ? span.context().traceId() : null;
			};
		}

	}

}

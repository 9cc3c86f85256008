package io.github.microservicestarter.autoconfigure.observability;

import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;

import io.github.microservicestarter.autoconfigure.client.GlobalClientInterceptor;
import io.github.microservicestarter.autoconfigure.server.GlobalServerInterceptor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Observes every gRPC call, served and made, with Micrometer's observations: through
 * Spring Boot's observation handlers they time calls (meters {@code grpc.server} and
 * {@code grpc.client}), count calls in flight and messages, and make spans that carry the W3C
 * trace context in the call's metadata.
 */
@AutoConfiguration(afterName = "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration")
@ConditionalOnClass({ GrpcServerObservationContext.class, ObservationRegistry.class })
@ConditionalOnBean(ObservationRegistry.class)
public class GrpcObservationAutoConfiguration {

	/**
	 * The order of the observation interceptors: net.devh's slot for tracing and metrics, inside
	 * its exception handling, outside the interceptors an app declares without an order.
	 */
	public static final int INTERCEPTOR_ORDER = 2500;

	@Bean
	@GlobalServerInterceptor
	@Order(INTERCEPTOR_ORDER)
	@ConditionalOnMissingBean
	GrpcServerObservationInterceptor grpcServerObservationInterceptor(ObservationRegistry registry) {
		return new GrpcServerObservationInterceptor(registry);
	}

	@Bean
	@GlobalClientInterceptor
	@Order(INTERCEPTOR_ORDER)
	@ConditionalOnMissingBean
	TargetAppIdObservationInterceptor targetAppIdObservationInterceptor(ObservationRegistry registry) {
		return new TargetAppIdObservationInterceptor(registry);
	}

	@Bean
	@ConditionalOnMissingBean(name = "grpcMeterFilter")
	MeterFilter grpcMeterFilter() {
		return new GrpcMeterFilter();
	}

}

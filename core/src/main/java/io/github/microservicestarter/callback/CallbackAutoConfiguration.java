package io.github.microservicestarter.callback;

import com.google.protobuf.util.JsonFormat;
import io.dapr.v1.AppCallbackGrpc;

import io.github.microservicestarter.health.HealthReadings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Serves Dapr's {@code AppCallback} and {@code AppCallbackHealthCheck} when beans have Dapr handler
 * methods, as plain gRPC services the server picks up like any other. The app's JSON comes from
 * the {@link JsonPayloads} its Spring Boot line's autoconfigure module supplies before this runs.
 */
@AutoConfiguration
@ConditionalOnClass({ AppCallbackGrpc.class, JsonFormat.class })
@ConditionalOnProperty(prefix = "microservice.callback", name = "enabled", matchIfMissing = true)
@Conditional(OnDaprHandlersCondition.class)
@ConditionalOnBean(JsonPayloads.class)
@EnableConfigurationProperties(CallbackProperties.class)
public class CallbackAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PayloadConverter daprPayloadConverter(JsonPayloads json) {
		return new PayloadConverter(json);
	}

	@Bean
	@ConditionalOnMissingBean
	DaprHandlers daprHandlers(PayloadConverter converter) {
		return new DaprHandlers(converter);
	}

	@Bean
	@ConditionalOnMissingBean
	AppCallbackService appCallbackService(DaprHandlers handlers, PayloadConverter converter) {
		return new AppCallbackService(handlers, converter);
	}

	@Bean
	@ConditionalOnMissingBean
	AppCallbackHealthService appCallbackHealthService(ObjectProvider<HealthReadings> health) {
		// Looked up per check: without a health endpoint (none, or turned off) the app counts as healthy.
		return new AppCallbackHealthService(() -> {
			HealthReadings readings = health.getIfAvailable();
			return (readings != null) ? readings.status() : "UP";
		});
	}

}

package io.github.microservicestarter.autoconfigure.callback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.dapr.v1.AppCallbackGrpc;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Serves Dapr's {@code AppCallback} and {@code AppCallbackHealthCheck} when beans have Dapr handler
 * methods, as plain gRPC services the server picks up like any other.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnClass({ AppCallbackGrpc.class, ObjectMapper.class, JsonFormat.class })
@ConditionalOnProperty(prefix = "microservice.callback", name = "enabled", matchIfMissing = true)
@Conditional(OnDaprHandlersCondition.class)
@EnableConfigurationProperties(CallbackProperties.class)
public class CallbackAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PayloadConverter daprPayloadConverter(ObjectProvider<ObjectMapper> objectMapper) {
		return new PayloadConverter(objectMapper.getIfAvailable(ObjectMapper::new));
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthEndpoint.class)
	static class ActuatorHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AppCallbackHealthService appCallbackHealthService(ObjectProvider<HealthEndpoint> healthEndpoint) {
			// Looked up per check: without the endpoint (turned off), the app counts as healthy.
			return new AppCallbackHealthService(() -> {
				HealthEndpoint endpoint = healthEndpoint.getIfAvailable();
				return (endpoint != null) ? endpoint.health().getStatus().getCode() : "UP";
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.boot.actuate.health.HealthEndpoint")
	static class AlwaysHealthyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AppCallbackHealthService appCallbackHealthService() {
			return new AppCallbackHealthService(() -> "UP");
		}

	}

}

package io.github.microservicestarter.boot4.actuate;

import io.github.microservicestarter.boot4.grpc.SpringGrpcServerAutoConfiguration;
import io.github.microservicestarter.health.ComponentHealthCheck;
import io.github.microservicestarter.health.GrpcHealthAutoConfiguration;
import io.github.microservicestarter.health.HealthReadings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;

/**
 * The starter's health on Spring Boot 4's health API: the core reads the health endpoint through
 * {@link HealthReadings}, and its {@link ComponentHealthCheck} beans join the health.
 */
// After Spring Boot's gRPC health, whose HealthStatusManager the core's gRPC health needs.
@AutoConfiguration(
		after = { HealthEndpointAutoConfiguration.class, SpringGrpcServerAutoConfiguration.class,
				GrpcServerHealthAutoConfiguration.class },
		before = GrpcHealthAutoConfiguration.class)
@ConditionalOnClass(HealthEndpoint.class)
@ConditionalOnBean(HealthEndpoint.class)
public class ActuatorHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HealthReadings healthReadings(HealthEndpoint healthEndpoint) {
		return new HealthEndpointReadings(healthEndpoint);
	}

	@Bean
	@ConditionalOnMissingBean
	ComponentHealthContributors componentHealthContributors(HealthContributorRegistry registry,
			ObjectProvider<ComponentHealthCheck> components) {
		return new ComponentHealthContributors(registry, components);
	}

}

package io.github.microservicestarter.boot3.actuate;

import io.github.microservicestarter.boot3.netdevh.NetDevhServerAutoConfiguration;
import io.github.microservicestarter.health.ComponentHealthCheck;
import io.github.microservicestarter.health.GrpcHealthAutoConfiguration;
import io.github.microservicestarter.health.HealthReadings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The starter's health on Spring Boot 3's actuator: the core reads the health endpoint through
 * {@link HealthReadings}, and its {@link ComponentHealthCheck} beans become health components.
 */
@AutoConfiguration(after = { HealthEndpointAutoConfiguration.class, NetDevhServerAutoConfiguration.class },
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

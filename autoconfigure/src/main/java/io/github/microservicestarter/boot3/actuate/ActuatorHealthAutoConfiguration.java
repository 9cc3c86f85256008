package io.github.microservicestarter.boot3.actuate;

import io.github.microservicestarter.boot3.netdevh.NetDevhServerAutoConfiguration;
import io.github.microservicestarter.callback.CallbackAutoConfiguration;
import io.github.microservicestarter.client.SidecarClientAutoConfiguration;
import io.github.microservicestarter.client.SidecarClientTargets;
import io.github.microservicestarter.client.SidecarClientsHealth;
import io.github.microservicestarter.health.AppHealth;
import io.github.microservicestarter.health.AppReadiness;
import io.github.microservicestarter.health.GrpcHealthAutoConfiguration;
import io.github.microservicestarter.health.GrpcServerHealth;
import io.github.microservicestarter.server.AppServerSettings;
import io.github.microservicestarter.server.ServedServices;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The starter's health on Spring Boot 3's actuator: the readiness group and the overall health
 * for the core's gRPC and Dapr health checks, and the gRPC server and the sidecar client's targets
 * as health components.
 */
@AutoConfiguration(
		after = { HealthEndpointAutoConfiguration.class, SidecarClientAutoConfiguration.class,
				NetDevhServerAutoConfiguration.class },
		before = { GrpcHealthAutoConfiguration.class, CallbackAutoConfiguration.class })
@ConditionalOnClass(HealthEndpoint.class)
public class ActuatorHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(HealthEndpoint.class)
	AppReadiness grpcReadinessGroup(HealthEndpoint healthEndpoint) {
		return new ReadinessGroup(healthEndpoint);
	}

	@Bean
	@ConditionalOnMissingBean
	AppHealth appHealth(ObjectProvider<HealthEndpoint> healthEndpoint) {
		// Looked up per check: the endpoint may be turned off, and then the app counts as healthy.
		return () -> {
			HealthEndpoint endpoint = healthEndpoint.getIfAvailable();
			return (endpoint != null) ? endpoint.health().getStatus().getCode() : "UP";
		};
	}

	@Bean
	@ConditionalOnMissingBean(name = "grpcServerHealthIndicator")
	// Lower case: the canonical form of the property name, which every relaxed spelling matches.
	@ConditionalOnEnabledHealthIndicator("grpcserver")
	@ConditionalOnBean({ AppServerSettings.class, ServedServices.class })
	ComponentHealthIndicator grpcServerHealthIndicator(AppServerSettings settings, ServedServices services,
			Environment environment) {
		return new ComponentHealthIndicator(new GrpcServerHealth(settings, services, environment),
				"The gRPC server's health could not be checked");
	}

	@Bean
	@ConditionalOnMissingBean(name = "sidecarClientsHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("sidecarclients")
	@ConditionalOnBean(SidecarClientTargets.class)
	ComponentHealthIndicator sidecarClientsHealthIndicator(SidecarClientTargets targets) {
		return new ComponentHealthIndicator(new SidecarClientsHealth(targets),
				"The sidecar client's targets could not be checked");
	}

}

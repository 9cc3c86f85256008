package io.github.microservicestarter.autoconfigure.observability;

import io.grpc.protobuf.services.HealthStatusManager;

import io.github.microservicestarter.autoconfigure.client.SidecarClientAutoConfiguration;
import io.github.microservicestarter.autoconfigure.client.SidecarClientTargets;
import io.github.microservicestarter.autoconfigure.server.AppServerSettings;
import io.github.microservicestarter.autoconfigure.server.ServedServices;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Health both ways: the gRPC health service follows the app's liveness and readiness, and the
 * actuator's health shows the gRPC server.
 */
@AutoConfiguration(afterName = { "io.github.microservicestarter.autoconfigure.netdevh.NetDevhServerAutoConfiguration",
		"net.devh.boot.grpc.server.autoconfigure.GrpcHealthServiceAutoConfiguration",
		"org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration" },
		after = SidecarClientAutoConfiguration.class)
@ConditionalOnClass(HealthStatusManager.class)
@EnableConfigurationProperties(GrpcHealthProperties.class)
public class GrpcHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ HealthStatusManager.class, ServedServices.class, ApplicationAvailability.class })
	GrpcHealthFollowsAvailability grpcHealthFollowsAvailability(HealthStatusManager health, ServedServices services,
			ApplicationAvailability availability, ObjectProvider<ReadinessGroup> readinessGroup,
			GrpcHealthProperties properties) {
		ReadinessGroup group = readinessGroup.getIfAvailable();
		if (group == null) {
			// The readiness state alone: its changes are events, nothing to poll.
			return new GrpcHealthFollowsAvailability(health, services, availability,
					(state) -> state == ReadinessState.ACCEPTING_TRAFFIC, null);
		}
		return new GrpcHealthFollowsAvailability(health, services, availability, group,
				properties.getReadinessPollInterval());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthEndpoint.class)
	static class ActuatorHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(HealthEndpoint.class)
		ReadinessGroup grpcReadinessGroup(HealthEndpoint healthEndpoint) {
			return new ReadinessGroup(healthEndpoint);
		}

		@Bean
		@ConditionalOnMissingBean(name = "grpcServerHealthIndicator")
		@ConditionalOnClass(HealthIndicator.class)
		// Lower case: the canonical form of the property name, which every relaxed spelling matches.
		@ConditionalOnEnabledHealthIndicator("grpcserver")
		@ConditionalOnBean({ AppServerSettings.class, ServedServices.class })
		GrpcServerHealthIndicator grpcServerHealthIndicator(AppServerSettings settings, ServedServices services,
				Environment environment) {
			return new GrpcServerHealthIndicator(settings, services, environment);
		}

		@Bean
		@ConditionalOnMissingBean(name = "sidecarClientsHealthIndicator")
		@ConditionalOnClass(HealthIndicator.class)
		@ConditionalOnEnabledHealthIndicator("sidecarclients")
		@ConditionalOnBean(SidecarClientTargets.class)
		SidecarClientsHealthIndicator sidecarClientsHealthIndicator(SidecarClientTargets targets) {
			return new SidecarClientsHealthIndicator(targets);
		}

	}

}

package io.github.microservicestarter.health;

import io.grpc.protobuf.services.HealthStatusManager;

import io.github.microservicestarter.server.ServedServices;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The gRPC health service follows the app's liveness and readiness. The health service's
 * {@link HealthStatusManager}, the {@link ServedServices} and the {@link AppReadiness} come from
 * the Spring Boot line's autoconfigure module, which orders itself before this.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration")
@ConditionalOnClass(HealthStatusManager.class)
@EnableConfigurationProperties(GrpcHealthProperties.class)
public class GrpcHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ HealthStatusManager.class, ServedServices.class, ApplicationAvailability.class })
	GrpcHealthFollowsAvailability grpcHealthFollowsAvailability(HealthStatusManager health, ServedServices services,
			ApplicationAvailability availability, ObjectProvider<AppReadiness> appReadiness,
			GrpcHealthProperties properties) {
		AppReadiness readiness = appReadiness.getIfAvailable();
		if (readiness == null) {
			// The readiness state alone: its changes are events, nothing to poll.
			return new GrpcHealthFollowsAvailability(health, services, availability,
					(state) -> state == ReadinessState.ACCEPTING_TRAFFIC, null);
		}
		return new GrpcHealthFollowsAvailability(health, services, availability, readiness,
				properties.getReadinessPollInterval());
	}

}

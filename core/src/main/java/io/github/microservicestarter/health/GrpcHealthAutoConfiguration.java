package io.github.microservicestarter.health;

import io.grpc.protobuf.services.HealthStatusManager;

import io.github.microservicestarter.server.AppServerSettings;
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
import org.springframework.core.env.Environment;

/**
 * Health both ways: the gRPC health service follows the app's liveness and readiness, and the
 * actuator's health shows the gRPC server. The health service's {@link HealthStatusManager}, the
 * {@link ServedServices} and the {@link HealthReadings} come from the Spring Boot line's
 * autoconfigure module, which orders itself before this.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration")
@ConditionalOnClass(HealthStatusManager.class)
@EnableConfigurationProperties(GrpcHealthProperties.class)
public class GrpcHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ HealthStatusManager.class, ServedServices.class, ApplicationAvailability.class })
	GrpcHealthFollowsAvailability grpcHealthFollowsAvailability(HealthStatusManager health, ServedServices services,
			ApplicationAvailability availability, ObjectProvider<HealthReadings> healthReadings,
			GrpcHealthProperties properties) {
		HealthReadings readings = healthReadings.getIfAvailable();
		if (readings == null) {
			// The readiness state alone: its changes are events, nothing to poll.
			return new GrpcHealthFollowsAvailability(health, services, availability,
					(state) -> state == ReadinessState.ACCEPTING_TRAFFIC, null);
		}
		return new GrpcHealthFollowsAvailability(health, services, availability,
				new HealthGroupReadiness(() -> readings.members(HealthGroupReadiness.GROUP)),
				properties.getReadinessPollInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnEnabledComponentHealth("grpcserver")
	@ConditionalOnBean({ AppServerSettings.class, ServedServices.class })
	GrpcServerHealth grpcServerComponentHealth(AppServerSettings settings, ServedServices services, Environment environment) {
		return new GrpcServerHealth(settings, services, environment);
	}

}

package io.github.microservicestarter.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gRPC health service follows the app's health.
 */
@ConfigurationProperties("microservice.health")
public class GrpcHealthProperties {

	/**
	 * How often the readiness health group is evaluated for the gRPC health service, when the
	 * actuator's readiness group exists; changes of the app's readiness state apply at once.
	 */
	private Duration readinessPollInterval = Duration.ofSeconds(5);

	public Duration getReadinessPollInterval() {
		return this.readinessPollInterval;
	}

	public void setReadinessPollInterval(Duration readinessPollInterval) {
		this.readinessPollInterval = readinessPollInterval;
	}

}

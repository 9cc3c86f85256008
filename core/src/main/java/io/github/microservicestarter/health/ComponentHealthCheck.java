package io.github.microservicestarter.health;

/**
 * A component of the starter's in the actuator's health, such as the gRPC server. Each Spring Boot
 * line's autoconfigure module registers every bean of this type as a health contributor of its own
 * health API, under {@link #componentName()}.
 */
public interface ComponentHealthCheck {

	/**
	 * The component's name in the health, as in {@code /actuator/health/grpcServer}.
	 * @return the name
	 */
	String componentName();

	/**
	 * Checks the component now.
	 * @return its health
	 */
	ComponentHealth check();

}

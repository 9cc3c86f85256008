package io.github.microservicestarter.boot3.actuate;

import io.github.microservicestarter.health.ComponentHealth;
import io.github.microservicestarter.health.ComponentHealthCheck;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * A component of the starter's in Spring Boot 3's health: the gRPC server or the sidecar client's
 * targets, as the core checks them.
 */
public class ComponentHealthIndicator extends AbstractHealthIndicator {

	private final ComponentHealthCheck component;

	/**
	 * Creates the indicator.
	 * @param component the component, checked on every health check
	 */
	public ComponentHealthIndicator(ComponentHealthCheck component) {
		super("The health of " + component.componentName() + " could not be checked");
		this.component = component;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ComponentHealth health = this.component.check();
		builder.status(new Status(health.status(), (health.description() != null) ? health.description() : ""))
			.withDetails(health.details());
	}

}

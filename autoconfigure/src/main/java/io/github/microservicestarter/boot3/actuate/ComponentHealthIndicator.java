package io.github.microservicestarter.boot3.actuate;

import java.util.function.Supplier;

import io.github.microservicestarter.health.ComponentHealth;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * A component of the starter's in Spring Boot 3's health: the gRPC server or the sidecar client's
 * targets, as the core reports them.
 */
public class ComponentHealthIndicator extends AbstractHealthIndicator {

	private final Supplier<ComponentHealth> component;

	/**
	 * Creates the indicator.
	 * @param component the component's health, asked on every check
	 * @param failure what the health says when asking fails
	 */
	public ComponentHealthIndicator(Supplier<ComponentHealth> component, String failure) {
		super(failure);
		this.component = component;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ComponentHealth health = this.component.get();
		builder.status((health.description() != null) ? new Status(health.status(), health.description())
				: new Status(health.status()));
		builder.withDetails(health.details());
	}

}

package io.github.microservicestarter.boot4.actuate;

import io.github.microservicestarter.health.ComponentHealth;
import io.github.microservicestarter.health.ComponentHealthCheck;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * Adds every {@link ComponentHealthCheck} bean to Spring Boot 4's health, once all beans exist,
 * under its component name, unless a contributor of that name is there already.
 *
 * @param registry the health's contributors
 * @param components the components to add
 */
public record ComponentHealthContributors(HealthContributorRegistry registry,
		ObjectProvider<ComponentHealthCheck> components) implements SmartInitializingSingleton {

	@Override
	public void afterSingletonsInstantiated() {
		for (ComponentHealthCheck component : this.components.orderedStream().toList()) {
			if (this.registry.getContributor(component.componentName()) == null) {
				this.registry.registerContributor(component.componentName(), indicator(component));
			}
		}
	}

	private static HealthIndicator indicator(ComponentHealthCheck component) {
		return () -> {
			ComponentHealth health = component.check();
			String description = (health.description() != null) ? health.description() : "";
			return Health.status(new Status(health.status(), description)).withDetails(health.details()).build();
		};
	}

}

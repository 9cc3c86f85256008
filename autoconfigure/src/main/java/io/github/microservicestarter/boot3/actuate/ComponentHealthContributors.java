package io.github.microservicestarter.boot3.actuate;

import io.github.microservicestarter.health.ComponentHealthCheck;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.health.HealthContributorRegistry;

/**
 * Registers every {@link ComponentHealthCheck} bean in Spring Boot 3's health, once all beans
 * exist, under its component name, unless a contributor of that name is there already.
 */
public class ComponentHealthContributors implements SmartInitializingSingleton {

	private final HealthContributorRegistry registry;

	private final ObjectProvider<ComponentHealthCheck> components;

	/**
	 * Creates the registrar.
	 * @param registry the health's contributors
	 * @param components the components to add
	 */
	public ComponentHealthContributors(HealthContributorRegistry registry,
			ObjectProvider<ComponentHealthCheck> components) {
		this.registry = registry;
		this.components = components;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.components.orderedStream()
			.filter((component) -> this.registry.getContributor(component.componentName()) == null)
			.forEach((component) -> this.registry.registerContributor(component.componentName(),
					new ComponentHealthIndicator(component)));
	}

}

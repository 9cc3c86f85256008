package io.github.microservicestarter.test;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.context.ApplicationContext;

/**
 * The actuator's health as the behavioural tests read it, on Spring Boot 4's health API. Each
 * line's autoconfigure module has a class of this name with these methods.
 */
public final class ActuatorHealth {

	private ActuatorHealth() {
	}

	/**
	 * Spring Boot's health endpoint, its contributors, the app's availability and its probe groups.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations autoConfigurations() {
		return AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
				HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
				AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class);
	}

	/**
	 * The status the health endpoint reports at a path.
	 * @param context the app
	 * @param path a component or group ({@code sidecarClients}, {@code readiness}), or empty for the
	 * app's overall health
	 * @return the status code, or null when there is no such component
	 */
	public static String status(ApplicationContext context, String path) {
		HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
		HealthDescriptor health = path.isEmpty() ? endpoint.health() : endpoint.healthForPath(path);
		return (health != null) ? health.getStatus().getCode() : null;
	}

	/**
	 * The details of a component of the health endpoint.
	 * @param context the app
	 * @param path the component
	 * @return its details
	 */
	public static Map<String, Object> details(ApplicationContext context, String path) {
		return ((IndicatedHealthDescriptor) context.getBean(HealthEndpoint.class).healthForPath(path)).getDetails();
	}

	/**
	 * The members of a health group.
	 * @param context the app
	 * @param group the group
	 * @return the names of its members
	 */
	public static List<String> members(ApplicationContext context, String group) {
		return List.copyOf(((CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).healthForPath(group))
			.getComponents()
			.keySet());
	}

}

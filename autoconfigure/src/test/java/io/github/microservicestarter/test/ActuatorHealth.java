package io.github.microservicestarter.test;

import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.context.ApplicationContext;

/**
 * The actuator's health as the behavioural tests read it, on Spring Boot 3's health API. Each
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
				HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
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
		HealthComponent component = path.isEmpty() ? endpoint.health() : endpoint.healthForPath(path);
		return (component != null) ? component.getStatus().getCode() : null;
	}

	/**
	 * The details of a component of the health endpoint.
	 * @param context the app
	 * @param path the component
	 * @return its details
	 */
	public static Map<String, Object> details(ApplicationContext context, String path) {
		return ((Health) context.getBean(HealthEndpoint.class).healthForPath(path)).getDetails();
	}

	/**
	 * The members of a health group.
	 * @param context the app
	 * @param group the group
	 * @return the names of its members
	 */
	public static List<String> members(ApplicationContext context, String group) {
		return List.copyOf(((CompositeHealth) context.getBean(HealthEndpoint.class).healthForPath(group)).getComponents()
			.keySet());
	}

}

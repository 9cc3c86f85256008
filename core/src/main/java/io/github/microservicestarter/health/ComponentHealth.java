package io.github.microservicestarter.health;

import java.util.Map;

/**
 * One component's health, for the actuator: each Spring Boot line's autoconfigure module turns it
 * into a health indicator of its own health API.
 *
 * @param status the status code: {@code UP}, {@code DOWN}, or a custom one such as
 * {@code DEGRADED}
 * @param description what a custom status means, or null
 * @param details the details shown under the component, in order
 */
public record ComponentHealth(String status, String description, Map<String, Object> details) {

	/** Spring Boot's status of a working component. */
	public static final String UP = "UP";

	/** Spring Boot's status of a failed component. */
	public static final String DOWN = "DOWN";

}

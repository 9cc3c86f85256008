package io.github.microservicestarter.health;

import java.util.Map;

/**
 * The actuator's health as the starter's health checks read it: status codes. Spring Boot's
 * health API differs between its lines, so each line's autoconfigure module supplies this from its
 * health endpoint; without one, the app counts as healthy and as ready whenever its readiness
 * state says so.
 */
public interface HealthReadings {

	/**
	 * The app's overall health now.
	 * @return its status code: {@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE}, {@code UNKNOWN} or
	 * a custom one
	 */
	String status();

	/**
	 * The status of each member of a health group now.
	 * @param group the group's name, such as {@code readiness}
	 * @return each member's status code; the group's own under the group's name when it has no
	 * members; empty when there is no such group
	 */
	Map<String, String> members(String group);

}

package io.github.microservicestarter.health;

/**
 * The app's overall health as the actuator's health endpoint reports it. Each Spring Boot line's
 * autoconfigure module supplies it from its own health endpoint; without one the app counts as
 * healthy.
 */
@FunctionalInterface
public interface AppHealth {

	/**
	 * The app's health status now.
	 * @return its code: {@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE}, {@code UNKNOWN} or a
	 * custom one
	 */
	String status();

}

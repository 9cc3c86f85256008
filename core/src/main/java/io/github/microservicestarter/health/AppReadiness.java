package io.github.microservicestarter.health;

import org.springframework.boot.availability.ReadinessState;

/**
 * Whether the app is ready for calls, as its readiness probe would say.
 */
@FunctionalInterface
public interface AppReadiness {

	/**
	 * Evaluates the app's readiness now.
	 * @param state the app's readiness state, as its latest change set it
	 * @return true when the app accepts calls
	 */
	boolean isReady(ReadinessState state);

}

package io.github.microservicestarter.boot3.actuate;

import java.util.Map;

import io.github.microservicestarter.health.AppReadiness;

import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.availability.ReadinessState;

/**
 * The app's readiness as the actuator's readiness health group says it: the readiness state and
 * whatever else the group includes (a database, say), DOWN or OUT_OF_SERVICE meaning not ready.
 */
public class ReadinessGroup implements AppReadiness {

	private static final String GROUP = "readiness";

	/**
	 * The group's member for the readiness state. It is left out, and the state given is used
	 * instead: while a change of the state is announced, the member may still report the old one.
	 */
	private static final String READINESS_STATE = "readinessState";

	private final HealthEndpoint healthEndpoint;

	/**
	 * Creates the readiness.
	 * @param healthEndpoint the actuator's health endpoint, whose readiness group decides
	 */
	public ReadinessGroup(HealthEndpoint healthEndpoint) {
		this.healthEndpoint = healthEndpoint;
	}

	@Override
	public boolean isReady(ReadinessState state) {
		if (state != ReadinessState.ACCEPTING_TRAFFIC) {
			return false;
		}
		HealthComponent group = this.healthEndpoint.healthForPath(GROUP);
		if (group instanceof CompositeHealth composite) {
			return composite.getComponents()
				.entrySet()
				.stream()
				.filter((member) -> !READINESS_STATE.equals(member.getKey()))
				.map(Map.Entry::getValue)
				.allMatch((member) -> isUp(member.getStatus()));
		}
		return group == null || isUp(group.getStatus());
	}

	private static boolean isUp(Status status) {
		return !Status.DOWN.equals(status) && !Status.OUT_OF_SERVICE.equals(status);
	}

}

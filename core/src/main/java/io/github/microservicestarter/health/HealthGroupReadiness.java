package io.github.microservicestarter.health;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.availability.ReadinessState;

/**
 * The app's readiness as the actuator's readiness health group says it: the readiness state and
 * whatever else the group includes (a database, say), DOWN or OUT_OF_SERVICE meaning not ready.
 * Each Spring Boot line's autoconfigure module reads the group's members from its health endpoint.
 */
public class HealthGroupReadiness implements AppReadiness {

	/** The name of the readiness health group. */
	public static final String GROUP = "readiness";

	/**
	 * The group's member for the readiness state. It is left out, and the state given is used
	 * instead: while a change of the state is announced, the member may still report the old one.
	 */
	private static final String READINESS_STATE = "readinessState";

	private final Supplier<Map<String, String>> members;

	/**
	 * Creates the readiness.
	 * @param members the status code of each member of the readiness group, read now; empty
	 * without a group
	 */
	public HealthGroupReadiness(Supplier<Map<String, String>> members) {
		this.members = members;
	}

	@Override
	public boolean isReady(ReadinessState state) {
		if (state != ReadinessState.ACCEPTING_TRAFFIC) {
			return false;
		}
		return this.members.get()
			.entrySet()
			.stream()
			.filter((member) -> !READINESS_STATE.equals(member.getKey()))
			.allMatch((member) -> isUp(member.getValue()));
	}

	private static boolean isUp(String status) {
		return !"DOWN".equals(status) && !"OUT_OF_SERVICE".equals(status);
	}

}

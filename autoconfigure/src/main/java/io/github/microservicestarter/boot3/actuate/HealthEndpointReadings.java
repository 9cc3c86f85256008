package io.github.microservicestarter.boot3.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.microservicestarter.health.HealthReadings;

import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;

/**
 * Spring Boot 3's health endpoint read as the core's health checks need it: status codes.
 */
public class HealthEndpointReadings implements HealthReadings {

	private final HealthEndpoint healthEndpoint;

	/**
	 * Creates the readings.
	 * @param healthEndpoint the actuator's health endpoint
	 */
	public HealthEndpointReadings(HealthEndpoint healthEndpoint) {
		this.healthEndpoint = healthEndpoint;
	}

	@Override
	public String status() {
		return this.healthEndpoint.health().getStatus().getCode();
	}

	@Override
	public Map<String, String> members(String group) {
		HealthComponent health = this.healthEndpoint.healthForPath(group);
		Map<String, String> members = new LinkedHashMap<>();
		if (health instanceof CompositeHealth composite) {
			composite.getComponents().forEach((name, member) -> members.put(name, member.getStatus().getCode()));
		}
		else if (health != null) {
			members.put(group, health.getStatus().getCode());
		}
		return members;
	}

}

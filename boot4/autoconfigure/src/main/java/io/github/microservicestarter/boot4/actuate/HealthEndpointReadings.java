package io.github.microservicestarter.boot4.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.microservicestarter.health.HealthReadings;

import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;

/**
 * Spring Boot 4's health endpoint read as the core's health checks need it: status codes.
 *
 * @param healthEndpoint the actuator's health endpoint
 */
public record HealthEndpointReadings(HealthEndpoint healthEndpoint) implements HealthReadings {

	@Override
	public String status() {
		return this.healthEndpoint.health().getStatus().getCode();
	}

	@Override
	public Map<String, String> members(String group) {
		Map<String, String> members = new LinkedHashMap<>();
		HealthDescriptor health = this.healthEndpoint.healthForPath(group);
		if (health instanceof CompositeHealthDescriptor composite) {
			composite.getComponents().forEach((name, member) -> members.put(name, member.getStatus().getCode()));
			return members;
		}
		if (health != null) {
			members.put(group, health.getStatus().getCode());
		}
		return members;
	}

}

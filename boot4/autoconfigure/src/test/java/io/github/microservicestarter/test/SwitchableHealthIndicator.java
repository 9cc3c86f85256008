package io.github.microservicestarter.test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * A health indicator of Spring Boot 4 whose status the tests set. Each line's autoconfigure module
 * has a class of this name.
 */
public class SwitchableHealthIndicator implements HealthIndicator {

	private volatile Status status = Status.UP;

	/**
	 * Sets the status the indicator reports from now on.
	 * @param code {@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE}, ...
	 */
	public void set(String code) {
		this.status = new Status(code);
	}

	@Override
	public Health health() {
		return Health.status(this.status).build();
	}

}

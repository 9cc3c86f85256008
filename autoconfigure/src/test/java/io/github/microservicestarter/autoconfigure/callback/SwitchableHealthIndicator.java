package io.github.microservicestarter.autoconfigure.callback;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * A health indicator whose status the tests set.
 */
class SwitchableHealthIndicator implements HealthIndicator {

	private volatile Status status = Status.UP;

	void set(Status status) {
		this.status = status;
	}

	@Override
	public Health health() {
		return Health.status(this.status).build();
	}

}

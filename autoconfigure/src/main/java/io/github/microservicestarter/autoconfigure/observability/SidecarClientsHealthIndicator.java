package io.github.microservicestarter.autoconfigure.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grpc.ConnectivityState;

import io.github.microservicestarter.autoconfigure.client.SidecarClientTarget;
import io.github.microservicestarter.autoconfigure.client.SidecarClientTargets;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The sidecar client's targets in the actuator's health, each with its mode, address and
 * connection state.
 * <p>
 * Another app being down must not take this one down with it: probes that restarted or unrouted
 * this app would only add an outage. So a target in TRANSIENT_FAILURE makes this component
 * {@link #DEGRADED}, a status the default status order leaves out: the overall health and the
 * probe groups stay UP and answer 200, while the component says which target fails.
 */
class SidecarClientsHealthIndicator extends AbstractHealthIndicator {

	/** Some target cannot be reached: visible, but not counted against this app's health. */
	static final Status DEGRADED = new Status("DEGRADED", "A target app cannot be reached");

	private final SidecarClientTargets targets;

	SidecarClientsHealthIndicator(SidecarClientTargets targets) {
		super("The sidecar client's targets could not be checked");
		this.targets = targets;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		List<SidecarClientTarget> targets = this.targets.targets();
		boolean failing = targets.stream().anyMatch((target) -> target.state() == ConnectivityState.TRANSIENT_FAILURE);
		builder.status(failing ? DEGRADED : Status.UP);
		for (SidecarClientTarget target : targets) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("mode", target.mode());
			details.put("address", target.address());
			details.put("state", target.state());
			builder.withDetail(target.appId(), details);
		}
	}

}

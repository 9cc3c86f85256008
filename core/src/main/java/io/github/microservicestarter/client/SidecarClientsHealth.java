package io.github.microservicestarter.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grpc.ConnectivityState;

import io.github.microservicestarter.health.ComponentHealth;
import io.github.microservicestarter.health.ComponentHealthCheck;

/**
 * The sidecar client's targets in the actuator's health ({@code sidecarClients}), each with its
 * mode, address and connection state.
 * <p>
 * Another app being down must not take this one down with it: probes that restarted or unrouted
 * this app would only add an outage. So a target in TRANSIENT_FAILURE makes this component
 * {@value #DEGRADED}, a status the default status order leaves out: the overall health and the
 * probe groups stay UP and answer 200, while the component says which target fails.
 */
public class SidecarClientsHealth implements ComponentHealthCheck {

	/** Some target cannot be reached: visible, but not counted against this app's health. */
	public static final String DEGRADED = "DEGRADED";

	private final SidecarClientTargets targets;

	/**
	 * Creates the component.
	 * @param targets the client's targets
	 */
	public SidecarClientsHealth(SidecarClientTargets targets) {
		this.targets = targets;
	}

	@Override
	public String componentName() {
		return "sidecarClients";
	}

	@Override
	public ComponentHealth check() {
		List<SidecarClientTarget> targets = this.targets.targets();
		Map<String, Object> details = new LinkedHashMap<>();
		for (SidecarClientTarget target : targets) {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("mode", target.mode());
			detail.put("address", target.address());
			detail.put("state", target.state());
			details.put(target.appId(), detail);
		}
		boolean failing = targets.stream().anyMatch((target) -> target.state() == ConnectivityState.TRANSIENT_FAILURE);
		return failing ? new ComponentHealth(DEGRADED, "A target app cannot be reached", details)
				: new ComponentHealth(ComponentHealth.UP, null, details);
	}

}

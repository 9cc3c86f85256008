package io.github.microservicestarter.client;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.microservicestarter.endpoint.GrpcEndpointContributor;

/**
 * The {@code clients} section of {@code /actuator/grpc}: which way calls to other apps go and
 * why, the sidecar's endpoint, and every target with its address and connection state.
 */
public class SidecarClientsEndpointContributor implements GrpcEndpointContributor {

	private final SidecarClientTargets targets;

	public SidecarClientsEndpointContributor(SidecarClientTargets targets) {
		this.targets = targets;
	}

	@Override
	public String name() {
		return "clients";
	}

	@Override
	public Object describe() {
		ModeDecision mode = this.targets.defaultMode();
		Map<String, Object> clients = new LinkedHashMap<>();
		clients.put("mode", mode.mode());
		clients.put("modeSource", mode.source());
		clients.put("sidecarEndpoint", this.targets.sidecarEndpoint());
		clients.put("targets", this.targets.targets());
		return clients;
	}

}

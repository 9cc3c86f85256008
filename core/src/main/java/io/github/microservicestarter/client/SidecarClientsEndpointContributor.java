package io.github.microservicestarter.client;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.microservicestarter.endpoint.GrpcEndpointContributor;

/**
 * The {@code clients} section of {@code /actuator/grpc}: which way calls to other apps go and
 * why, the sidecar's endpoint, and every target with its address and connection state. The
 * addresses are masked unless {@code microservice.endpoint.show-addresses} is true.
 */
public class SidecarClientsEndpointContributor implements GrpcEndpointContributor {

	/** What a masked address shows. */
	static final String MASKED = "******";

	private final SidecarClientTargets targets;

	private final boolean showAddresses;

	/**
	 * Creates the section.
	 * @param targets the client's targets
	 * @param showAddresses whether to show the targets' and the sidecar's addresses
	 */
	public SidecarClientsEndpointContributor(SidecarClientTargets targets, boolean showAddresses) {
		this.targets = targets;
		this.showAddresses = showAddresses;
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
		clients.put("sidecarEndpoint", this.showAddresses ? this.targets.sidecarEndpoint() : MASKED);
		clients.put("targets", this.targets.targets()
			.stream()
			.map((target) -> this.showAddresses ? target : new SidecarClientTarget(target.appId(), target.mode(),
					target.modeSource(), MASKED, target.state()))
			.toList());
		return clients;
	}

}

package io.github.microservicestarter.client;

import java.util.List;

/**
 * A read-only view of the sidecar client's target apps, for health and info endpoints.
 */
public class SidecarClientTargets {

	private final SidecarChannels channels;

	/**
	 * Creates the view.
	 * @param channels the channels it shows
	 */
	public SidecarClientTargets(SidecarChannels channels) {
		this.channels = channels;
	}

	/**
	 * The mode of targets that set none, and why: {@code microservice.client.mode}, or in auto
	 * mode the Dapr environment variables.
	 * @return the decision
	 */
	public ModeDecision defaultMode() {
		return this.channels.defaultMode();
	}

	/**
	 * The sidecar's endpoint, where calls in sidecar mode go.
	 * @return host:port, http://host:port or https://host:port
	 */
	public String sidecarEndpoint() {
		return this.channels.sidecarEndpoint();
	}

	/**
	 * Every target app: configured under microservice.clients, injected, or asked for.
	 * @return the targets, in the order they were first resolved
	 */
	public List<SidecarClientTarget> targets() {
		return this.channels.targets();
	}

}

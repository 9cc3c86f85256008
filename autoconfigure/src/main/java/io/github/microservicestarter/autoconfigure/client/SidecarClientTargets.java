package io.github.microservicestarter.autoconfigure.client;

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
	 * Every target app: configured under microservice.clients, injected, or asked for.
	 * @return the targets, in the order they were first resolved
	 */
	public List<SidecarClientTarget> targets() {
		return this.channels.targets();
	}

}

package io.github.microservicestarter.endpoint;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What {@code /actuator/grpc} shows.
 */
@ConfigurationProperties("microservice.endpoint")
public class GrpcEndpointProperties {

	/**
	 * Whether /actuator/grpc shows the addresses of the apps this app calls and of its sidecar.
	 * Off by default: they map the network behind the app for whoever can read the endpoint.
	 */
	private boolean showAddresses;

	public boolean isShowAddresses() {
		return this.showAddresses;
	}

	public void setShowAddresses(boolean showAddresses) {
		this.showAddresses = showAddresses;
	}

}

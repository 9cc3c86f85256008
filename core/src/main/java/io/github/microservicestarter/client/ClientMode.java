package io.github.microservicestarter.client;

/**
 * How calls reach a target app.
 */
public enum ClientMode {

	/** Sidecar when the Dapr environment variables are set (DAPR_GRPC_ENDPOINT, DAPR_GRPC_PORT), else direct. */
	AUTO,

	/** Through the local Dapr sidecar, which routes by the dapr-app-id header. */
	SIDECAR,

	/** Straight to the addresses configured for the app, balanced round robin. */
	DIRECT

}

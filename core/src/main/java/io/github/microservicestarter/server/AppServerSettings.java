package io.github.microservicestarter.server;

import org.springframework.core.io.Resource;

/**
 * The settings the gRPC server runs with, resolved and checked from {@link AppProperties} and the
 * environment by {@link AppServerSettingsResolver}.
 *
 * @param appId the app id of this app
 * @param port the port to listen on (0 for a free one)
 * @param portSource where the port came from, for the log: a property, an environment variable or
 * "the default"
 * @param protocol the protocol served on the port
 * @param certificate the PEM certificate chain when the protocol is grpcs, else null
 * @param privateKey the PEM private key when the protocol is grpcs, else null
 */
public record AppServerSettings(String appId, int port, String portSource, AppProtocol protocol, Resource certificate,
		Resource privateKey) {

	/** Dapr's conventional port for a gRPC app. */
	public static final int DEFAULT_PORT = 50051;

}

package io.github.microservicestarter.server;

/**
 * The settings the gRPC server runs with, resolved and checked from {@link AppProperties} and the
 * environment by {@link AppServerSettingsResolver}.
 *
 * @param appId the app id of this app
 * @param port the port to listen on (0 for a free one)
 * @param portSource where the port came from, for the log: a property, an environment variable or
 * "the default"
 * @param protocol the protocol served on the port, whose TLS, for grpcs, is the
 * {@code ServerTls} bean's
 */
public record AppServerSettings(String appId, int port, String portSource, AppProtocol protocol) {

	/** Dapr's conventional port for a gRPC app. */
	public static final int DEFAULT_PORT = 50051;

}

package io.github.microservicestarter.server;

import java.util.Locale;

/**
 * The protocols this starter serves on the app port, named as Dapr's --app-protocol names them.
 */
public enum AppProtocol {

	/** gRPC over plaintext HTTP/2. */
	GRPC,

	/** gRPC over TLS. */
	GRPCS;

	/**
	 * The value of this protocol in configuration.
	 * @return the lower-case name, as in {@code microservice.app-protocol}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}

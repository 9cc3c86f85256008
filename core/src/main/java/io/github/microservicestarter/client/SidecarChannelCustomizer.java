package io.github.microservicestarter.client;

import io.grpc.ManagedChannelBuilder;

/**
 * Customizes a connection of the sidecar client before it is built: message size limits,
 * keepalive, the executor, TLS trust, a user agent. Declare beans of this type; they run in
 * {@code @Order}, after the starter's own settings, so they can change them.
 */
@FunctionalInterface
public interface SidecarChannelCustomizer {

	/**
	 * Customizes a connection.
	 * @param appId the app the connection goes straight to, or {@code null} for the connection to
	 * the sidecar, which every app called through it shares
	 * @param builder the connection's builder (grpc-netty-shaded's {@code NettyChannelBuilder})
	 */
	void customize(String appId, ManagedChannelBuilder<?> builder);

}

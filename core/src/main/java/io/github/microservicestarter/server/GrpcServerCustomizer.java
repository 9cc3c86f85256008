package io.github.microservicestarter.server;

import io.grpc.ServerBuilder;

/**
 * Customizes the app's gRPC server before it is built, on either Spring Boot line: message and
 * metadata size limits, keepalive, the executor, TLS details. Declare beans of this type; they
 * run in {@code @Order}, after the starter's own settings, so they can change them.
 */
@FunctionalInterface
public interface GrpcServerCustomizer {

	/**
	 * Customizes the server.
	 * @param builder the server's builder (grpc-netty-shaded's {@code NettyServerBuilder} as the
	 * starters ship)
	 */
	void customize(ServerBuilder<?> builder);

}

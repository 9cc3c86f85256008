package io.github.microservicestarter.boot4.grpc;

import io.grpc.ServerBuilder;

import io.github.microservicestarter.server.GrpcServerCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.grpc.server.ServerBuilderCustomizer;

/**
 * Hands Spring Boot's server builder to the app's {@link GrpcServerCustomizer} beans, in order.
 * Raw, as Spring gRPC's customizer type is generic on the builder's own type.
 */
@SuppressWarnings({ "rawtypes", "unchecked" })
public class GrpcServerCustomizers implements ServerBuilderCustomizer {

	private final ObjectProvider<GrpcServerCustomizer> customizers;

	/**
	 * Creates the customizer.
	 * @param customizers the app's customizers
	 */
	public GrpcServerCustomizers(ObjectProvider<GrpcServerCustomizer> customizers) {
		this.customizers = customizers;
	}

	@Override
	public void customize(ServerBuilder builder) {
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
	}

}

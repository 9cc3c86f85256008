package io.github.microservicestarter.server;

import io.grpc.Metadata;

/**
 * The gRPC metadata keys of Dapr's protocol, which the sidecar and the apps it connects exchange.
 * Here because the server receives them and every feature package depends on this one: security
 * checks the API token, observability logs the caller, the client sends those the sidecar reads.
 */
public final class DaprMetadata {

	/** The app id a call to the sidecar is for (app-id.namespace across namespaces). */
	public static final Metadata.Key<String> APP_ID = Metadata.Key.of("dapr-app-id",
			Metadata.ASCII_STRING_MARSHALLER);

	/** Marks a call to the sidecar as streaming: {@code true}. */
	public static final Metadata.Key<String> STREAM = Metadata.Key.of("dapr-stream",
			Metadata.ASCII_STRING_MARSHALLER);

	/** The API token: the sidecar's, sent to it, or the app's, sent by it. */
	public static final Metadata.Key<String> API_TOKEN = Metadata.Key.of("dapr-api-token",
			Metadata.ASCII_STRING_MARSHALLER);

	/** The app id of the app that made a call, which the sidecar hands over. */
	public static final Metadata.Key<String> CALLER_APP_ID = Metadata.Key.of("dapr-caller-app-id",
			Metadata.ASCII_STRING_MARSHALLER);

	private DaprMetadata() {
	}

}

package io.github.microservicestarter.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

import io.github.microservicestarter.server.DaprMetadata;

/**
 * Addresses calls to the sidecar as Dapr's gRPC proxying expects: {@code dapr-app-id} names the
 * target (app-id.namespace across namespaces), {@code dapr-stream: true} marks streaming calls,
 * and {@code dapr-api-token} authenticates to a sidecar that requires it.
 * <p>
 * No {@code dapr-caller-app-id}: the sidecar adds its own app id under that name and keeps any
 * value the app sent, so the callee would receive the header twice.
 */
class SidecarMetadataInterceptor implements ClientInterceptor {

	private final String daprAppId;

	private final String apiToken;

	/**
	 * Creates the interceptor.
	 * @param daprAppId the target's dapr-app-id
	 * @param apiToken the sidecar's API token, or null
	 */
	SidecarMetadataInterceptor(String daprAppId, String apiToken) {
		this.daprAppId = daprAppId;
		this.apiToken = apiToken;
	}

	@Override
	public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions callOptions,
			Channel next) {
		return new SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {

			@Override
			public void start(Listener<R> responseListener, Metadata headers) {
				headers.put(DaprMetadata.APP_ID, SidecarMetadataInterceptor.this.daprAppId);
				if (method.getType() != MethodDescriptor.MethodType.UNARY) {
					headers.put(DaprMetadata.STREAM, "true");
				}
				if (SidecarMetadataInterceptor.this.apiToken != null) {
					headers.put(DaprMetadata.API_TOKEN, SidecarMetadataInterceptor.this.apiToken);
				}
				super.start(responseListener, headers);
			}

		};
	}

}

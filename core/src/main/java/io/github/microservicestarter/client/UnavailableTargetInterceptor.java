package io.github.microservicestarter.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Names the target app and its route in the description of an UNAVAILABLE status, keeping its
 * cause: "io exception" alone does not say which of an app's dependencies is down.
 */
class UnavailableTargetInterceptor implements ClientInterceptor {

	private final ClientTarget target;

	UnavailableTargetInterceptor(ClientTarget target) {
		this.target = target;
	}

	@Override
	public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions callOptions,
			Channel next) {
		return new SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {

			@Override
			public void start(Listener<R> responseListener, Metadata headers) {
				super.start(new SimpleForwardingClientCallListener<>(responseListener) {

					@Override
					public void onClose(Status status, Metadata trailers) {
						super.onClose(describe(status), trailers);
					}

				}, headers);
			}

		};
	}

	private Status describe(Status status) {
		if (status.getCode() != Status.Code.UNAVAILABLE) {
			return status;
		}
		return status.withDescription("App '%s' is unavailable (%s): %s".formatted(this.target.appId(),
				this.target.route(), status.getDescription()));
	}

}

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
 * Names the target app in the description of an UNAVAILABLE status, keeping its cause: "io
 * exception" alone does not say which of an app's dependencies is down. Its route (an internal
 * address) and the transport's reason are added only when {@code microservice.client.detailed-errors}
 * says so: a service that passes the status on would tell its own callers.
 */
class UnavailableTargetInterceptor implements ClientInterceptor {

	private final ClientTarget target;

	private final boolean detailed;

	UnavailableTargetInterceptor(ClientTarget target, boolean detailed) {
		this.target = target;
		this.detailed = detailed;
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
		if (!this.detailed) {
			return status.withDescription("App '%s' is unavailable".formatted(this.target.appId()));
		}
		return status.withDescription("App '%s' is unavailable (%s): %s".formatted(this.target.appId(),
				this.target.route(), status.getDescription()));
	}

}

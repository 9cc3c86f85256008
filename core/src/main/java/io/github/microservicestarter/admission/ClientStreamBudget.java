package io.github.microservicestarter.admission;

import java.util.concurrent.atomic.LongAdder;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import io.github.microservicestarter.server.EndableServerCall;

/**
 * Caps the bytes one client-streaming call may send
 * ({@code microservice.server.max-client-stream-size}): such a service usually keeps what it
 * receives until the client half-closes, so one client could otherwise fill the heap. Past the cap
 * the call ends with RESOURCE_EXHAUSTED and its further requests are dropped; the service sees the
 * call end as if the client had gone.
 */
public class ClientStreamBudget implements ServerInterceptor {

	private final long maxBytes;

	private final LongAdder exceeded = new LongAdder();

	/**
	 * Creates the interceptor.
	 * @param maxBytes the most request bytes of one client-streaming call
	 */
	public ClientStreamBudget(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * The calls ended for sending more.
	 * @return their number
	 */
	public long exceededCalls() {
		return this.exceeded.sum();
	}

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		CallAdmission admission = CallAdmission.KEY.get();
		if (admission == null || call.getMethodDescriptor().getType() != MethodType.CLIENT_STREAMING) {
			return next.startCall(call, headers);
		}
		EndableServerCall<Q, A> endable = new EndableServerCall<>(call);
		return new SimpleForwardingServerCallListener<>(next.startCall(endable, headers)) {

			private boolean over;

			@Override
			public void onMessage(Q message) {
				if (this.over) {
					return;
				}
				if (admission.inboundBytes() > ClientStreamBudget.this.maxBytes) {
					this.over = true;
					ClientStreamBudget.this.exceeded.increment();
					endable.end(Status.RESOURCE_EXHAUSTED.withDescription(
							"The requests of this call exceed %d bytes in all; send them in several calls"
								.formatted(ClientStreamBudget.this.maxBytes)),
							new Metadata());
					return;
				}
				super.onMessage(message);
			}

			@Override
			public void onHalfClose() {
				if (!this.over) {
					super.onHalfClose();
				}
			}

		};
	}

}

package io.github.microservicestarter.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * The calls the server runs, so that those still running when the shutdown grace period ends are
 * ended with UNAVAILABLE, which clients retry elsewhere, rather than cut by the server library,
 * which their clients see as CANCELLED. Each call runs in a {@link Context} of its own, cancelled
 * when it is ended so, which tells its service to stop.
 */
public class CallsInFlight implements ServerInterceptor {

	/** The status of a call still running when the grace period ends. */
	static final Status SHUTTING_DOWN = Status.UNAVAILABLE
		.withDescription("The server is shutting down; retry on another instance");

	private final Map<EndableServerCall<?, ?>, Context.CancellableContext> calls = new ConcurrentHashMap<>();

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		EndableServerCall<Q, A> endable = new EndableServerCall<>(call);
		Context.CancellableContext context = Context.current().withCancellation();
		this.calls.put(endable, context);
		ServerCall.Listener<Q> listener;
		try {
			listener = Contexts.interceptCall(context, endable, headers, next);
		}
		catch (RuntimeException ex) {
			this.calls.remove(endable);
			throw ex;
		}
		return new SimpleForwardingServerCallListener<>(listener) {

			@Override
			public void onComplete() {
				CallsInFlight.this.calls.remove(endable);
				super.onComplete();
			}

			@Override
			public void onCancel() {
				CallsInFlight.this.calls.remove(endable);
				super.onCancel();
			}

		};
	}

	/**
	 * How many calls run now.
	 * @return their number
	 */
	public int count() {
		return this.calls.size();
	}

	/**
	 * Ends every call still running with UNAVAILABLE.
	 * @return how many it ended
	 */
	public int endAll() {
		int ended = 0;
		for (Map.Entry<EndableServerCall<?, ?>, Context.CancellableContext> call : this.calls.entrySet()) {
			if (call.getKey().end(SHUTTING_DOWN, new Metadata())) {
				call.getValue().cancel(SHUTTING_DOWN.asRuntimeException());
				ended++;
			}
		}
		return ended;
	}

}

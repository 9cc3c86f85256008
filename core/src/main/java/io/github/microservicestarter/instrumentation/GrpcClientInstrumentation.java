package io.github.microservicestarter.instrumentation;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;

import io.github.microservicestarter.client.TargetAppId;
import io.github.microservicestarter.instrumentation.CallMeters.MethodMeters;

/**
 * Meters and traces every call made through the sidecar client (a {@code @GlobalClientInterceptor}):
 * the {@code grpc.client} meters and, when the app traces, a client span whose trace context goes
 * in the call's metadata. Meters and spans are tagged with the app id the call targets
 * ({@link TargetAppId}), or {@value #NO_TARGET} for a call without one: the channel's authority
 * cannot tell, in sidecar mode it is the sidecar's.
 * <p>
 * Meters are registered once per target, method and status, and the span is not made current:
 * a client call's own steps run only transport code.
 */
public class GrpcClientInstrumentation implements ClientInterceptor {

	/** The tag naming the target app id. */
	public static final String TARGET_APP_ID_TAG = "target.app.id";

	/** The tag value of calls made without a target app id. */
	public static final String NO_TARGET = "none";

	private static final String NAME = "grpc.client";

	private final CallMeters meters;

	private final CallTracing tracing;

	/**
	 * Creates the interceptor.
	 * @param registry where the meters go
	 * @param tracing starts the spans, or null when the app does not trace
	 */
	GrpcClientInstrumentation(MeterRegistry registry, CallTracing tracing) {
		this.meters = new CallMeters(registry, NAME);
		this.tracing = tracing;
	}

	@Override
	public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions callOptions,
			Channel next) {
		String target = TargetAppId.of(callOptions);
		if (target == null) {
			target = NO_TARGET;
		}
		return new InstrumentedCall<>(next.newCall(method, callOptions), method, target, next);
	}

	private final class InstrumentedCall<Q, A> extends SimpleForwardingClientCall<Q, A> {

		private final MethodDescriptor<Q, A> method;

		private final String target;

		private final Channel channel;

		private final MethodMeters meters;

		InstrumentedCall(ClientCall<Q, A> call, MethodDescriptor<Q, A> method, String target, Channel channel) {
			super(call);
			this.method = method;
			this.target = target;
			this.channel = channel;
			this.meters = GrpcClientInstrumentation.this.meters.of(method, target);
		}

		@Override
		public void start(Listener<A> listener, Metadata headers) {
			long start = System.nanoTime();
			this.meters.started();
			CallSpan span = (GrpcClientInstrumentation.this.tracing != null) ? GrpcClientInstrumentation.this.tracing
				.clientSpan(this.method, this.channel.authority(), this.target, headers) : CallSpan.NONE;
			InstrumentedListener<A> instrumented = new InstrumentedListener<>(listener, this.meters, span, start);
			try {
				super.start(instrumented, headers);
			}
			catch (RuntimeException ex) {
				instrumented.end(Status.fromThrowable(ex));
				throw ex;
			}
		}

		@Override
		public void sendMessage(Q message) {
			this.meters.sent();
			super.sendMessage(message);
		}

	}

	/** Counts the call's messages and records its end. */
	private static final class InstrumentedListener<A> extends SimpleForwardingClientCallListener<A> {

		private final MethodMeters meters;

		private final CallSpan span;

		private final long start;

		InstrumentedListener(ClientCall.Listener<A> listener, MethodMeters meters, CallSpan span, long start) {
			super(listener);
			this.meters = meters;
			this.span = span;
			this.start = start;
		}

		@Override
		public void onMessage(A message) {
			this.meters.received();
			super.onMessage(message);
		}

		@Override
		public void onClose(Status status, Metadata trailers) {
			end(status);
			super.onClose(status, trailers);
		}

		void end(Status status) {
			long nanos = System.nanoTime() - this.start;
			Status.Code code = status.getCode();
			// A status of the server or a cancellation says what happened; a local cause explains a failure.
			Throwable error = (code != Status.Code.OK && code != Status.Code.CANCELLED) ? status.getCause() : null;
			this.span.end(code, error, this.meters, nanos);
		}

	}

}

package io.github.microservicestarter.instrumentation;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;

import io.github.microservicestarter.instrumentation.CallMeters.MethodMeters;

/**
 * Meters and traces every served call: the {@code grpc.server} meters (the call timer by status
 * code, calls in flight, messages, cancellations) and, when the app traces, a server span that
 * continues the caller's trace.
 * <p>
 * Written for the per-call cost, which the benchmark measures against plain grpc-java: meters are
 * registered once per method and status, and the span is made current only around callbacks that
 * can run the service's code, since each switch of the trace context costs (it also updates the
 * logging context). A unary or server-streaming method runs in {@code onHalfClose}: its one request
 * is only buffered in {@code onMessage}, and {@code startCall} only asks for it. Only a method that
 * takes a stream of requests runs in {@code startCall} and {@code onMessage}, and only a streamed
 * response waits for {@code onReady}. Interceptors ordered after this one therefore see the span
 * in their listeners' callbacks, not in {@code interceptCall} of a unary call.
 */
public class GrpcServerInstrumentation implements ServerInterceptor {

	private static final String NAME = "grpc.server";

	private final CallMeters meters;

	private final CallTracing tracing;

	/**
	 * Creates the interceptor.
	 * @param registry where the meters go
	 * @param tracing starts the spans, or null when the app does not trace
	 */
	GrpcServerInstrumentation(MeterRegistry registry, CallTracing tracing) {
		this.meters = new CallMeters(registry, NAME);
		this.tracing = tracing;
	}

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		long start = System.nanoTime();
		MethodDescriptor<Q, A> method = call.getMethodDescriptor();
		MethodMeters meters = this.meters.of(method, null);
		CallSpan span = (this.tracing != null) ? this.tracing.serverSpan(method, call.getAuthority(), headers)
				: CallSpan.NONE;
		InstrumentedCall<Q, A> instrumented = new InstrumentedCall<>(call, meters, span, start);
		MethodType type = method.getType();
		// A method that takes a stream of requests runs here; the others wait for their request.
		try (CallSpan.Scope scope = type.clientSendsOneMessage() ? CallSpan.Scope.NONE : span.makeCurrent()) {
			return new InstrumentedListener<>(next.startCall(instrumented, headers), instrumented, type);
		}
		catch (RuntimeException ex) {
			instrumented.end(Status.Code.UNKNOWN, ex);
			throw ex;
		}
	}

	private static final class InstrumentedCall<Q, A> extends SimpleForwardingServerCall<Q, A> {

		private final MethodMeters meters;

		private final CallSpan span;

		private final long start;

		/** How the application closed the call, or null before it did. */
		private volatile Status closedWith;

		private boolean ended;

		InstrumentedCall(ServerCall<Q, A> call, MethodMeters meters, CallSpan span, long start) {
			super(call);
			this.meters = meters;
			this.span = span;
			this.start = start;
			meters.started();
		}

		@Override
		public void sendMessage(A message) {
			this.meters.sent();
			super.sendMessage(message);
		}

		@Override
		public void close(Status status, Metadata trailers) {
			this.closedWith = status;
			super.close(status, trailers);
		}

		/** Ends the call's meters and span as its status says; a call cancelled before it closed is CANCELLED. */
		void end() {
			Status status = this.closedWith;
			if (status != null) {
				end(status.getCode(), status.getCause());
			}
			else {
				end(Status.Code.CANCELLED, null);
			}
		}

		void end(Status.Code code, Throwable error) {
			if (this.ended) {
				return;
			}
			this.ended = true;
			long nanos = System.nanoTime() - this.start;
			this.span.end(code, error, this.meters, nanos);
		}

	}

	private static final class InstrumentedListener<Q> extends SimpleForwardingServerCallListener<Q> {

		private final InstrumentedCall<Q, ?> call;

		/** Whether onMessage can run the application's code: the method takes a stream of requests. */
		private final boolean streamsIn;

		/** Whether onReady can run the application's code: the method streams its responses. */
		private final boolean streamsOut;

		InstrumentedListener(ServerCall.Listener<Q> listener, InstrumentedCall<Q, ?> call, MethodType type) {
			super(listener);
			this.call = call;
			this.streamsIn = !type.clientSendsOneMessage();
			this.streamsOut = !type.serverSendsOneMessage();
		}

		@Override
		public void onMessage(Q message) {
			this.call.meters.received();
			if (this.streamsIn) {
				try (CallSpan.Scope scope = this.call.span.makeCurrent()) {
					super.onMessage(message);
				}
			}
			else {
				super.onMessage(message);
			}
		}

		@Override
		public void onHalfClose() {
			try (CallSpan.Scope scope = this.call.span.makeCurrent()) {
				super.onHalfClose();
			}
		}

		@Override
		public void onReady() {
			if (this.streamsOut) {
				try (CallSpan.Scope scope = this.call.span.makeCurrent()) {
					super.onReady();
				}
			}
			else {
				super.onReady();
			}
		}

		@Override
		public void onCancel() {
			this.call.meters.cancelled();
			try (CallSpan.Scope scope = this.call.span.makeCurrent()) {
				super.onCancel();
			}
			finally {
				this.call.end();
			}
		}

		@Override
		public void onComplete() {
			try {
				super.onComplete();
			}
			finally {
				this.call.end();
			}
		}

	}

}

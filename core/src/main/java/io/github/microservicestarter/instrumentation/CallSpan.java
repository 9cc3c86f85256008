package io.github.microservicestarter.instrumentation;

import io.grpc.Status;

import io.github.microservicestarter.instrumentation.CallMeters.MethodMeters;

/**
 * The span of one gRPC call, as the instrumentation interceptors see it: kept behind this
 * interface so that they load no tracing class when the app does not trace.
 */
interface CallSpan {

	/** The span of a call that is not traced, or whose trace is carried on without a span. */
	CallSpan NONE = new CallSpan() {

		@Override
		public Scope makeCurrent() {
			return Scope.NONE;
		}

		@Override
		public void end(Status.Code code, Throwable error, MethodMeters meters, long nanos) {
			meters.ended(code, error, nanos);
		}

	};

	/**
	 * Makes the span current on this thread until the scope closes, for callbacks that can run the
	 * application's code: its log lines and the calls it makes carry the trace.
	 * @return the scope
	 */
	Scope makeCurrent();

	/**
	 * Ends the call's meters, then the span with the call's outcome. A sampled span is current
	 * while the meters record, so that their exemplars name it.
	 * @param code the call's status code
	 * @param error the exception the call ended with, or null
	 * @param meters the call's meters
	 * @param nanos how long the call took
	 */
	void end(Status.Code code, Throwable error, MethodMeters meters, long nanos);

	/**
	 * The time a span is current.
	 */
	interface Scope extends AutoCloseable {

		/** The scope of no span. */
		Scope NONE = () -> {
		};

		@Override
		void close();

	}

}

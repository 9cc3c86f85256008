package io.github.microservicestarter.errors;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import io.github.microservicestarter.server.EndableServerCall;

/**
 * How a call that goes wrong ends, for every service: a request that is not a valid message
 * ({@link MalformedRequests}) ends it with INVALID_ARGUMENT before the service sees it; an
 * exception the service throws, or passes to {@code onError}, ends it with the status
 * {@link ExceptionStatuses} gives (an advice's, else INTERNAL without internals, logged once per
 * interval); and no status leaves the server with a description or details longer than
 * {@link StatusBounds} allow. So no bad request costs a stack trace in the log, and no error echoes
 * a request back without bound.
 */
public class CallErrorsInterceptor implements ServerInterceptor {

	private final ExceptionStatuses statuses;

	/**
	 * Creates the interceptor.
	 * @param statuses the statuses of exceptions
	 */
	public CallErrorsInterceptor(ExceptionStatuses statuses) {
		this.statuses = statuses;
	}

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		GuardedCall<Q, A> guarded = new GuardedCall<>(call);
		try {
			return new GuardedListener<>(next.startCall(guarded, headers), guarded);
		}
		catch (RuntimeException ex) {
			guarded.fail(ex);
			return new ServerCall.Listener<>() {
			};
		}
	}

	private final class GuardedCall<Q, A> extends EndableServerCall<Q, A> {

		GuardedCall(ServerCall<Q, A> call) {
			super(call);
		}

		@Override
		public synchronized void close(Status status, Metadata trailers) {
			Throwable cause = status.getCause();
			if (status.getCode() == Status.Code.UNKNOWN && cause != null && !(cause instanceof StatusRuntimeException)) {
				// A service's exception, passed to onError or caught by the server library.
				fail(cause);
				return;
			}
			StatusBounds.bound(trailers);
			super.close(StatusBounds.bound(status), trailers);
		}

		void fail(Throwable failure) {
			StatusRuntimeException status = CallErrorsInterceptor.this.statuses.statusOf(failure,
					getMethodDescriptor().getFullMethodName());
			Metadata trailers = (status.getTrailers() != null) ? status.getTrailers() : new Metadata();
			StatusBounds.bound(trailers);
			end(StatusBounds.bound(status.getStatus()), trailers);
		}

		/** A failure after the call ended: there is no status to send, only the log. */
		void failedAfterEnd(Throwable failure) {
			CallErrorsInterceptor.this.statuses.statusOf(failure, getMethodDescriptor().getFullMethodName());
		}

		void malformed() {
			end(Status.INVALID_ARGUMENT.withDescription("The request cannot be read as a request of %s"
				.formatted(getMethodDescriptor().getFullMethodName())), new Metadata());
		}

	}

	private static final class GuardedListener<Q> extends SimpleForwardingServerCallListener<Q> {

		private final GuardedCall<Q, ?> call;

		private boolean malformed;

		GuardedListener(ServerCall.Listener<Q> listener, GuardedCall<Q, ?> call) {
			super(listener);
			this.call = call;
		}

		@Override
		public void onMessage(Q message) {
			if (this.malformed) {
				return;
			}
			if (message == null) {
				this.malformed = true;
				this.call.malformed();
				return;
			}
			try {
				super.onMessage(message);
			}
			catch (RuntimeException ex) {
				this.call.fail(ex);
			}
		}

		@Override
		public void onHalfClose() {
			if (this.malformed) {
				return;
			}
			try {
				super.onHalfClose();
			}
			catch (RuntimeException ex) {
				this.call.fail(ex);
			}
		}

		@Override
		public void onReady() {
			try {
				super.onReady();
			}
			catch (RuntimeException ex) {
				this.call.fail(ex);
			}
		}

		@Override
		public void onCancel() {
			try {
				super.onCancel();
			}
			catch (RuntimeException ex) {
				this.call.failedAfterEnd(ex);
			}
		}

		@Override
		public void onComplete() {
			try {
				super.onComplete();
			}
			catch (RuntimeException ex) {
				this.call.failedAfterEnd(ex);
			}
		}

	}

}

package io.github.microservicestarter.server;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * A server call that the starter can end while the service still works on it, from any thread:
 * once ended, what the service sends and its own close are dropped, as if the client had gone.
 *
 * @param <Q> the request type
 * @param <A> the response type
 */
public class EndableServerCall<Q, A> extends SimpleForwardingServerCall<Q, A> {

	private boolean closed;

	/**
	 * Wraps a call.
	 * @param call the call
	 */
	public EndableServerCall(ServerCall<Q, A> call) {
		super(call);
	}

	/**
	 * Ends the call unless it is closed already.
	 * @param status how it ends
	 * @param trailers its trailers
	 * @return whether this ended it
	 */
	public synchronized boolean end(Status status, Metadata trailers) {
		if (this.closed) {
			return false;
		}
		this.closed = true;
		super.close(status, trailers);
		return true;
	}

	@Override
	public synchronized void close(Status status, Metadata trailers) {
		end(status, trailers);
	}

	@Override
	public synchronized void sendHeaders(Metadata headers) {
		if (!this.closed) {
			super.sendHeaders(headers);
		}
	}

	@Override
	public synchronized void sendMessage(A message) {
		if (!this.closed) {
			super.sendMessage(message);
		}
	}

	@Override
	public synchronized void request(int numMessages) {
		if (!this.closed) {
			super.request(numMessages);
		}
	}

}

package io.github.microservicestarter.bench.jmh;

import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Stands for the client's connection, which the chain benchmark leaves out: every call answers
 * as soon as the client half-closes, with headers, {@link ChainService#REPLY} and OK, on the
 * calling thread. One call object serves every call (it allocates nothing but the headers and
 * trailers a real transport would give), so only one call may run at a time.
 */
final class FakeTransport extends ManagedChannel {

	private final AnsweringCall call = new AnsweringCall();

	/**
	 * The headers the last call started with, when {@link #keepHeaders(boolean)} says so: the
	 * benchmarks' setup checks what the chain wrote in them.
	 */
	private Metadata lastHeaders;

	private boolean keepHeaders;

	void keepHeaders(boolean keep) {
		this.keepHeaders = keep;
		this.lastHeaders = null;
	}

	Metadata lastHeaders() {
		return this.lastHeaders;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions callOptions) {
		return (ClientCall<Q, R>) this.call;
	}

	@Override
	public String authority() {
		return "localhost:50001";
	}

	/** Always ready: the sidecar client asks, to decide whether to reconnect. */
	@Override
	public ConnectivityState getState(boolean requestConnection) {
		return ConnectivityState.READY;
	}

	@Override
	public ManagedChannel shutdown() {
		return this;
	}

	@Override
	public boolean isShutdown() {
		return false;
	}

	@Override
	public boolean isTerminated() {
		return false;
	}

	@Override
	public ManagedChannel shutdownNow() {
		return this;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return true;
	}

	private final class AnsweringCall extends ClientCall<String, String> {

		private Listener<String> listener;

		@Override
		public void start(Listener<String> listener, Metadata headers) {
			this.listener = listener;
			if (FakeTransport.this.keepHeaders) {
				FakeTransport.this.lastHeaders = headers;
			}
		}

		@Override
		public void request(int numMessages) {
		}

		@Override
		public void cancel(String message, Throwable cause) {
		}

		@Override
		public void sendMessage(String message) {
		}

		@Override
		public void halfClose() {
			Listener<String> answered = this.listener;
			this.listener = null;
			answered.onHeaders(new Metadata());
			answered.onMessage(ChainService.REPLY);
			answered.onClose(Status.OK, new Metadata());
		}

	}

}

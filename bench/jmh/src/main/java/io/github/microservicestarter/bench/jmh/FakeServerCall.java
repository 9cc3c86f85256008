package io.github.microservicestarter.bench.jmh;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * Stands for the transport's call on the server side, which the chain benchmark leaves out: takes
 * what the handler sends and only records the status it closes with. One instance serves every
 * call of a benchmark, {@linkplain #reset() reset} before each, so that it allocates nothing.
 */
final class FakeServerCall extends ServerCall<String, String> {

	/** The authority a call through loopback carries. */
	static final String AUTHORITY = "127.0.0.1:50051";

	private Status status;

	/** Forgets the last call's status. */
	void reset() {
		this.status = null;
	}

	/**
	 * The status the call closed with.
	 * @return the status, or null when it did not close
	 */
	Status status() {
		return this.status;
	}

	@Override
	public void request(int numMessages) {
	}

	@Override
	public void sendHeaders(Metadata headers) {
	}

	@Override
	public void sendMessage(String message) {
	}

	@Override
	public void close(Status status, Metadata trailers) {
		this.status = status;
	}

	@Override
	public boolean isCancelled() {
		return false;
	}

	@Override
	public boolean isReady() {
		return true;
	}

	@Override
	public Attributes getAttributes() {
		return Attributes.EMPTY;
	}

	@Override
	public String getAuthority() {
		return AUTHORITY;
	}

	@Override
	public MethodDescriptor<String, String> getMethodDescriptor() {
		return ChainService.METHOD;
	}

}

package io.github.microservicestarter.admission;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.grpc.Context;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;

/**
 * One call's admission, from the moment its stream opens to the moment it closes: whether it holds
 * one of the server's permits, and how many request bytes it has received. The transport tells it
 * both ends of the stream, so a permit is given back exactly once, however the call ends. It rides
 * in the call's {@link Context}, where the executor choice and the interceptors find it.
 */
final class CallAdmission extends ServerStreamTracer {

	static final Context.Key<CallAdmission> KEY = Context.key("microservice-call-admission");

	private final Semaphore permits;

	private final AtomicBoolean holdsPermit = new AtomicBoolean();

	private final AtomicBoolean ended = new AtomicBoolean();

	private final AtomicLong inboundBytes = new AtomicLong();

	private volatile boolean refused;

	CallAdmission(Semaphore permits) {
		this.permits = permits;
	}

	/**
	 * Takes a permit for the call, or marks it refused when none is left.
	 * @return whether the call may run
	 */
	boolean admit() {
		if (!this.permits.tryAcquire()) {
			this.refused = true;
			return false;
		}
		this.holdsPermit.set(true);
		if (this.ended.get()) {
			release();
		}
		return true;
	}

	/** Whether {@link #admit()} found no permit. */
	boolean refused() {
		return this.refused;
	}

	/** The request bytes received so far, uncompressed. */
	long inboundBytes() {
		return this.inboundBytes.get();
	}

	@Override
	public Context filterContext(Context context) {
		return context.withValue(KEY, this);
	}

	@Override
	public void inboundUncompressedSize(long bytes) {
		this.inboundBytes.addAndGet(bytes);
	}

	@Override
	public void streamClosed(Status status) {
		this.ended.set(true);
		release();
	}

	private void release() {
		if (this.holdsPermit.compareAndSet(true, false)) {
			this.permits.release();
		}
	}

}

package io.github.microservicestarter.admission;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Semaphore;

import io.grpc.Context;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;

/**
 * One call's admission, from the moment its stream opens to the moment it closes: whether it holds
 * one of the server's permits, and how many request bytes it has received. The transport tells it
 * both ends of the stream, so a permit is given back exactly once, however the call ends. It rides
 * in the call's {@link Context}, where the executor choice and the interceptors find it. Its state
 * is in fields of its own, updated through var handles, rather than in atomic objects: one object
 * per call instead of four.
 */
final class CallAdmission extends ServerStreamTracer {

	static final Context.Key<CallAdmission> KEY = Context.key("microservice-call-admission");

	private static final VarHandle HOLDS_PERMIT;

	private static final VarHandle INBOUND_BYTES;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			HOLDS_PERMIT = lookup.findVarHandle(CallAdmission.class, "holdsPermit", boolean.class);
			INBOUND_BYTES = lookup.findVarHandle(CallAdmission.class, "inboundBytes", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Semaphore permits;

	private volatile boolean holdsPermit;

	private volatile boolean ended;

	private volatile long inboundBytes;

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
		this.holdsPermit = true;
		if (this.ended) {
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
		return this.inboundBytes;
	}

	@Override
	public Context filterContext(Context context) {
		return context.withValue(KEY, this);
	}

	@Override
	public void inboundUncompressedSize(long bytes) {
		INBOUND_BYTES.getAndAdd(this, bytes);
	}

	@Override
	public void streamClosed(Status status) {
		this.ended = true;
		release();
	}

	private void release() {
		if (HOLDS_PERMIT.compareAndSet(this, true, false)) {
			this.permits.release();
		}
	}

}

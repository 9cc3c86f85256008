package io.github.microservicestarter.instrumentation;

import io.micrometer.tracing.TraceContext;

/**
 * Decides whether a call is sampled before any span exists, as the tracer would decide it, so
 * that a call that is not sampled needs no span at all.
 */
interface Sampling {

	/**
	 * Asks the tracer's sampler about a call's span. When it samples, the next span this thread
	 * starts takes this decision instead of a second one, until {@link #forget()}.
	 * @param traceId the call's trace id
	 * @param parent the caller's trace context, or null for a new trace
	 * @param name the span's name
	 * @param server whether the span is a server span (else a client span)
	 * @return whether the call is sampled
	 */
	boolean sample(String traceId, Traceparent parent, String name, boolean server);

	/**
	 * The caller's trace context read from its traceparent, as the parent of the call's span: a
	 * remote parent, as the tracer's W3C propagator reads it.
	 * @param parent the caller's traceparent
	 * @return its trace context
	 */
	TraceContext remoteParent(Traceparent parent);

	/** Drops the decision {@link #sample} kept for this thread, once the span started. */
	void forget();

	/**
	 * Whether a span of the tracer's is current on this thread: a call made under it is its child,
	 * as the tracer decides.
	 * @return whether the thread is in a span
	 */
	boolean inSpan();

}

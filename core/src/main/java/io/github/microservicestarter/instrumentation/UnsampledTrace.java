package io.github.microservicestarter.instrumentation;

import io.grpc.Status;
import org.slf4j.MDC;

import io.github.microservicestarter.instrumentation.CallMeters.MethodMeters;

/**
 * The trace of a served call that is not sampled: its trace id and the span id it passes on, with
 * no span behind them and no tracing scope. Around the call's callbacks it is this thread's
 * current unsampled trace: its ids are in the log context (the MDC's {@code traceId} and
 * {@code spanId}, which Spring Boot's log correlation prints) and the sidecar client's calls carry
 * them on, unsampled. The tracer knows nothing of it: {@code Tracer.currentSpan()} is null, and a
 * span the service starts itself gets a trace id of its own, not sampled ({@link CallSampler}).
 * <p>
 * Nine calls in ten at Spring Boot's default sampling: what such a call pays for its trace is this
 * object, its two ids and a few field writes per callback, where a span and its scopes cost about
 * as much as the rest of the call's work in the benchmark's profile (BENCHMARKS.md).
 */
public final class UnsampledTrace implements CallSpan, CallSpan.Scope {

	/** The MDC keys Micrometer Tracing's log correlation writes. */
	static final String TRACE_ID_KEY = "traceId";

	static final String SPAN_ID_KEY = "spanId";

	private static final ThreadLocal<UnsampledTrace> CURRENT = new ThreadLocal<>();

	private final String traceId;

	private final String spanId;

	// What this thread had before makeCurrent, for close: a call's callbacks never overlap, so one
	// set of fields per call does.
	private UnsampledTrace previous;

	private String previousTraceId;

	private String previousSpanId;

	UnsampledTrace(String traceId, String spanId) {
		this.traceId = traceId;
		this.spanId = spanId;
	}

	/**
	 * The trace id of the unsampled call whose callback this thread runs.
	 * @return the trace id, or null outside such a callback (a sampled call's trace id is the
	 * tracer's current span's)
	 */
	public static String currentTraceId() {
		UnsampledTrace current = CURRENT.get();
		return (current != null) ? current.traceId : null;
	}

	/** The unsampled trace of the callback this thread runs, or null. */
	static UnsampledTrace current() {
		return CURRENT.get();
	}

	String traceId() {
		return this.traceId;
	}

	String spanId() {
		return this.spanId;
	}

	@Override
	public Scope makeCurrent() {
		this.previous = CURRENT.get();
		CURRENT.set(this);
		this.previousTraceId = MDC.get(TRACE_ID_KEY);
		this.previousSpanId = MDC.get(SPAN_ID_KEY);
		MDC.put(TRACE_ID_KEY, this.traceId);
		MDC.put(SPAN_ID_KEY, this.spanId);
		return this;
	}

	@Override
	public void close() {
		// set, not remove: the thread keeps its entry for the next call.
		CURRENT.set(this.previous);
		restore(TRACE_ID_KEY, this.previousTraceId);
		restore(SPAN_ID_KEY, this.previousSpanId);
		this.previous = null;
	}

	@Override
	public void end(Status.Code code, Throwable error, MethodMeters meters, long nanos) {
		meters.ended(code, error, nanos);
	}

	private static void restore(String key, String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

}

package io.github.microservicestarter.accesslog;

/**
 * The id of the trace the current thread works in.
 */
@FunctionalInterface
public interface TraceIds {

	/** The trace id of no trace: tracing is off, or the thread is in no span. */
	TraceIds NONE = () -> null;

	/**
	 * The current trace id.
	 * @return the id, or null outside any span
	 */
	String current();

}

package io.github.microservicestarter.bench.jmh;

import java.util.Arrays;
import java.util.Set;

/**
 * The cases of the chain benchmark: the app's tracing, and on the server side the caller's trace
 * context. Each but the baseline starts an app of its own.
 */
enum ChainCase {

	/** No app and no interceptor: the harness and the handler alone, what every other case also pays. */
	BASELINE("baseline", false, Set.of(Trace.NONE)),

	/**
	 * No tracer: OpenTelemetry's tracing auto-configuration excluded, so the app has only Micrometer
	 * Tracing's no-op tracer and the starter no call tracing. Meters only: the floor of tracing's cost.
	 */
	UNTRACED("untraced", false, Set.of(Trace.NONE),
			"--spring.autoconfigure.exclude=org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration"),

	/**
	 * Tracing switched off as Spring Boot 3.5 documents it, management.tracing.enabled=false: Boot then
	 * propagates and exports nothing, though its OpenTelemetry tracer stays, and the starter traces
	 * no call (before it did, a tracer span per call: 88 objects per served call).
	 */
	TRACING_DISABLED("tracing-disabled", false, Set.of(Trace.NONE),
			"--management.tracing.enabled=false"),

	/**
	 * A served call whose caller did not sample it: its traceparent has flags 00. The sampling
	 * probability is Spring Boot's default, 0.1, as shipped; the caller's decision is the one taken.
	 */
	UNSAMPLED_PARENT("unsampled-parent", true, Set.of(Trace.UNSAMPLED_PARENT),
			"--management.tracing.sampling.probability=0.1"),

	/** A served call without a traceparent, the sampler at probability 0: a new trace, not sampled. */
	UNSAMPLED_NEW("unsampled-new", false, Set.of(Trace.UNSAMPLED_NEW), "--management.tracing.sampling.probability=0.0"),

	/** A call made with the sampler at probability 0: a new trace, not sampled. */
	UNSAMPLED("unsampled", false, Set.of(Trace.UNSAMPLED_NEW), "--management.tracing.sampling.probability=0.0"),

	/** A call without a traceparent, the sampler at probability 1: a new trace, sampled, its span exported nowhere. */
	SAMPLED("sampled", false, Set.of(Trace.SAMPLED), "--management.tracing.sampling.probability=1.0");

	private final String id;

	private final boolean sendsUnsampledParent;

	private final Set<Trace> traces;

	private final String[] settings;

	ChainCase(String id, boolean sendsUnsampledParent, Set<Trace> traces, String... settings) {
		this.id = id;
		this.sendsUnsampledParent = sendsUnsampledParent;
		this.traces = traces;
		this.settings = settings;
	}

	/**
	 * The case of a benchmark parameter.
	 * @param id the parameter, as the case's {@link #toString()}
	 * @return the case
	 */
	static ChainCase of(String id) {
		return Arrays.stream(values())
			.filter((value) -> value.id.equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No chain case " + id));
	}

	/** The app's settings of the case. */
	String[] settings() {
		return this.settings.clone();
	}

	/** Whether a served call carries an unsampled caller's traceparent. */
	boolean sendsUnsampledParent() {
		return this.sendsUnsampledParent;
	}

	/**
	 * Whether a served call may have this trace inside its handler in this case.
	 * @param trace what the handler saw
	 * @return whether the case allows it
	 */
	boolean allows(Trace trace) {
		return this.traces.contains(trace);
	}

	/** The traces a served call may have inside its handler in this case. */
	Set<Trace> traces() {
		return this.traces;
	}

	/**
	 * The flags of the traceparent a call made carries.
	 * @return "00", "01", or null for no traceparent (also when the app propagates none)
	 */
	String clientTraceFlags() {
		return switch (this) {
			case BASELINE, UNTRACED, TRACING_DISABLED -> null;
			case SAMPLED -> "01";
			case UNSAMPLED_NEW, UNSAMPLED_PARENT, UNSAMPLED -> "00";
		};
	}

	@Override
	public String toString() {
		return this.id;
	}

	/** What a served call's handler sees of its trace. */
	enum Trace {

		/** No trace at all. */
		NONE,

		/** The starter's unsampled trace, continuing the caller's: no span. */
		UNSAMPLED_PARENT,

		/** The starter's unsampled trace, a new one: no span. */
		UNSAMPLED_NEW,

		/** A tracer span that is not sampled. */
		UNSAMPLED_SPAN,

		/** A sampled tracer span. */
		SAMPLED

	}

}

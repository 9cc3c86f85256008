package io.github.microservicestarter.instrumentation;

import java.util.List;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.otel.bridge.OtelTraceContext;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * The app's OpenTelemetry {@link Sampler} (Spring Boot's, or its own bean), which the starter asks
 * about a gRPC call before the call has a span: a call it drops gets none. A call it samples then
 * starts its span with the same decision rather than a second one, since a new trace's span gets
 * its trace id from the SDK, not the one the decision was made on, and a ratio sampler would
 * decide again on that id. A span the service starts in a call that is not sampled is not sampled
 * either. Every other span is sampled by the app's sampler, as without the starter.
 */
public final class CallSampler implements Sampler, Sampling {

	private static final ThreadLocal<SamplingResult> DECIDED = new ThreadLocal<>();

	private final Sampler sampler;

	/**
	 * Whether the sampler is OpenTelemetry's parent-based one with its default samplers for parents
	 * (Spring Boot 3's whatever its probability, Boot 4's by default), which drops every span whose
	 * remote parent is not sampled: such a call is then dropped without asking it, or building the
	 * parent it would read.
	 */
	private final boolean dropsUnsampledRemoteParents;

	/**
	 * Wraps a sampler.
	 * @param sampler the app's sampler
	 */
	public CallSampler(Sampler sampler) {
		this.sampler = sampler;
		this.dropsUnsampledRemoteParents = isDefaultParentBased(sampler);
	}

	/**
	 * Whether a sampler is of the class of {@code Sampler.parentBased(root)} and describes its
	 * samplers for parents as that one does, whatever its root: the SDK's class has no other
	 * accessor, and it names each of them in its description, after the root's.
	 */
	private static boolean isDefaultParentBased(Sampler sampler) {
		Sampler root = Sampler.alwaysOn();
		Sampler defaultParentBased = Sampler.parentBased(root);
		String description = defaultParentBased.getDescription();
		int rootEnd = description.indexOf(root.getDescription()) + root.getDescription().length();
		return sampler.getClass() == defaultParentBased.getClass()
				&& sampler.getDescription().endsWith(description.substring(rootEnd));
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		SamplingResult decided = DECIDED.get();
		if (decided != null) {
			DECIDED.set(null);
			return decided;
		}
		if (UnsampledTrace.current() != null && !Span.fromContext(parentContext).getSpanContext().isValid()) {
			// A span the service starts in a call that is not sampled has no parent the tracer knows
			// of: as the call's child it would not be sampled, as a new trace it would be exported alone.
			return SamplingResult.drop();
		}
		return this.sampler.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
	}

	@Override
	public String getDescription() {
		return this.sampler.getDescription();
	}

	@Override
	public boolean sample(String traceId, Traceparent parent, String name, boolean server) {
		if (parent != null && !parent.sampled() && this.dropsUnsampledRemoteParents) {
			return false;
		}
		Context parentContext = (parent != null) ? Context.root().with(Span.wrap(spanContext(parent))) : Context.root();
		SamplingResult result = this.sampler.shouldSample(parentContext, traceId, name,
				server ? SpanKind.SERVER : SpanKind.CLIENT, Attributes.empty(), List.of());
		if (result.getDecision() == SamplingDecision.DROP) {
			return false;
		}
		DECIDED.set(result);
		return true;
	}

	@Override
	public TraceContext remoteParent(Traceparent parent) {
		return OtelTraceContext.fromOtel(spanContext(parent));
	}

	private static SpanContext spanContext(Traceparent parent) {
		return SpanContext.createFromRemoteParent(parent.traceId(), parent.parentId(),
				parent.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
	}

	@Override
	public void forget() {
		DECIDED.set(null);
	}

	@Override
	public boolean inSpan() {
		return Span.current().getSpanContext().isValid();
	}

	@Override
	public String toString() {
		return getDescription();
	}

}

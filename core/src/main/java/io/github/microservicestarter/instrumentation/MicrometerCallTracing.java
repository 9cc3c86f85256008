package io.github.microservicestarter.instrumentation;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import io.github.microservicestarter.instrumentation.CallMeters.MethodMeters;

/**
 * Traces calls with Micrometer Tracing's {@link Tracer} and {@link Propagator} (Spring Boot's
 * OpenTelemetry bridge): a span per sampled call named by the RPC ({@code helloworld.Greeter/SayHello}),
 * tagged as Micrometer's gRPC observation convention tags it ({@code rpc.*},
 * {@code grpc.status_code}, {@code net.peer.*}), with the trace context in the call's metadata in
 * the formats Spring Boot's propagation settings name.
 * <p>
 * Straight on the tracer rather than through a Micrometer observation, which the benchmark showed
 * costing a third of a small service's throughput. With OpenTelemetry's sampler at hand
 * ({@link Sampling}) and W3C's {@code traceparent} as the only context the app sends (Spring Boot's
 * default), a call that is not sampled gets no span at all: a served call whose only trace context
 * is a {@code traceparent} (or none) gets an {@link UnsampledTrace}, and a call made outside any
 * span of the tracer's carries that trace, or a new one, in a {@code traceparent} written by hand.
 * Other calls (B3, {@code tracestate}, baggage) get the tracer's spans, sampled or not, as they
 * need its propagators.
 */
class MicrometerCallTracing implements CallTracing {

	private static final Map<String, Metadata.Key<String>> KEYS = new ConcurrentHashMap<>();

	/**
	 * Reads a header's last value: a traced Dapr sidecar keeps the caller's traceparent and adds its
	 * own span's after it, so a call through Dapr continues from the sidecar's span.
	 */
	private static final Propagator.Getter<Metadata> GETTER = (headers, name) -> headers.get(key(name));

	private static final Propagator.Setter<Metadata> SETTER = (headers, name, value) -> {
		Metadata.Key<String> key = key(name);
		headers.removeAll(key);
		headers.put(key, value);
	};

	private static final String PEER_NAME_TAG = "net.peer.name";

	private static final String PEER_PORT_TAG = "net.peer.port";

	private final Tracer tracer;

	private final Propagator propagator;

	/**
	 * Decides before a span exists, or null when every call gets the tracer's span: without
	 * OpenTelemetry's sampler, or when the app sends more than a traceparent, which only the
	 * tracer's propagators write.
	 */
	private final Sampling sampling;

	/**
	 * The headers the propagators read besides traceparent: a served call with one gets a span. An
	 * array, which each call walks without an iterator.
	 */
	private final Metadata.Key<?>[] otherContextKeys;

	MicrometerCallTracing(Tracer tracer, Propagator propagator, Sampling sampling) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.sampling = (sampling != null && sendsTraceparentOnly(tracer, propagator)) ? sampling : null;
		this.otherContextKeys = propagator.fields()
			.stream()
			.filter((field) -> !Traceparent.KEY.name().equalsIgnoreCase(field))
			.map((field) -> key(field.toLowerCase()))
			.toArray(Metadata.Key<?>[]::new);
	}

	/** Whether the propagators write traceparent and nothing else for an unsampled context. */
	private static boolean sendsTraceparentOnly(Tracer tracer, Propagator propagator) {
		TraceContext probe = tracer.traceContextBuilder()
			.traceId(Traceparent.newTraceId())
			.spanId(Traceparent.newSpanId())
			.sampled(false)
			.build();
		Map<String, String> written = new HashMap<>();
		propagator.inject(probe, written, (carrier, name, value) -> carrier.put(name.toLowerCase(), value));
		return written.keySet().equals(Set.of(Traceparent.KEY.name()));
	}

	@Override
	public CallSpan serverSpan(MethodDescriptor<?, ?> method, String authority, Metadata headers) {
		if (this.sampling == null || carriesOtherContext(headers)) {
			return spanOfServedCall(method, authority, headers);
		}
		String traceparent = headers.get(Traceparent.KEY);
		Traceparent parent = (traceparent != null) ? Traceparent.parse(traceparent) : null;
		String traceId = (parent != null) ? parent.traceId() : Traceparent.newTraceId();
		if (!this.sampling.sample(traceId, parent, method.getFullMethodName(), true)) {
			return new UnsampledTrace(traceId, Traceparent.newSpanId());
		}
		try {
			return spanOfSampledCall(method, authority, parent);
		}
		finally {
			this.sampling.forget();
		}
	}

	@Override
	public CallSpan clientSpan(MethodDescriptor<?, ?> method, String authority, String targetAppId,
			Metadata headers) {
		if (this.sampling == null || this.sampling.inSpan()) {
			return spanOfCallMade(method, authority, targetAppId, headers);
		}
		UnsampledTrace serving = UnsampledTrace.current();
		if (serving != null) {
			// The served call was not sampled, so neither is this one: its trace goes on as it is.
			Traceparent.putUnsampled(headers, serving.traceId(), serving.spanId());
			return CallSpan.NONE;
		}
		String traceId = Traceparent.newTraceId();
		if (!this.sampling.sample(traceId, null, method.getFullMethodName(), false)) {
			Traceparent.putUnsampled(headers, traceId, Traceparent.newSpanId());
			return CallSpan.NONE;
		}
		try {
			return spanOfCallMade(method, authority, targetAppId, headers);
		}
		finally {
			this.sampling.forget();
		}
	}

	private boolean carriesOtherContext(Metadata headers) {
		for (Metadata.Key<?> key : this.otherContextKeys) {
			if (headers.containsKey(key)) {
				return true;
			}
		}
		return false;
	}

	private CallSpan spanOfServedCall(MethodDescriptor<?, ?> method, String authority, Metadata headers) {
		Span span = this.propagator.extract(headers, GETTER)
			.kind(Span.Kind.SERVER)
			.name(method.getFullMethodName())
			.start();
		return traced(span, method, authority);
	}

	/**
	 * The span of a sampled served call whose only trace context is its traceparent, if any: its
	 * parent is the traceparent already read rather than what the propagators would read again
	 * (B3's and baggage's headers included, looked for in vain), which in the one-call-at-a-time
	 * profile cost more than starting the span itself.
	 */
	private CallSpan spanOfSampledCall(MethodDescriptor<?, ?> method, String authority, Traceparent parent) {
		Span.Builder builder = this.tracer.spanBuilder();
		if (parent != null) {
			builder.setParent(this.sampling.remoteParent(parent));
		}
		else {
			builder.setNoParent();
		}
		Span span = builder.kind(Span.Kind.SERVER).name(method.getFullMethodName()).start();
		return traced(span, method, authority);
	}

	private CallSpan spanOfCallMade(MethodDescriptor<?, ?> method, String authority, String targetAppId,
			Metadata headers) {
		// A child of the current span, if any: the builder starts from the current trace context.
		Span span = this.tracer.spanBuilder().kind(Span.Kind.CLIENT).name(method.getFullMethodName()).start();
		this.propagator.inject(span.context(), headers, SETTER);
		TracedCall traced = traced(span, method, authority);
		if (traced.sampled) {
			span.tag(GrpcClientInstrumentation.TARGET_APP_ID_TAG, targetAppId);
		}
		return traced;
	}

	private TracedCall traced(Span span, MethodDescriptor<?, ?> method, String authority) {
		TracedCall traced = new TracedCall(span);
		if (traced.sampled) {
			span.tag(CallMeters.SERVICE_TAG, String.valueOf(method.getServiceName()))
				.tag(CallMeters.METHOD_TAG, String.valueOf(method.getBareMethodName()))
				.tag(CallMeters.TYPE_TAG, method.getType().name());
			if (authority != null) {
				Peer peer = Peer.of(authority);
				span.tag(PEER_NAME_TAG, peer.name());
				if (peer.port() != null) {
					span.tag(PEER_PORT_TAG, peer.port().toString());
				}
			}
		}
		return traced;
	}

	/** The key of a header the propagators read or write: a few names, each asked on every call. */
	private static Metadata.Key<String> key(String name) {
		Metadata.Key<String> key = KEYS.get(name);
		if (key == null) {
			key = KEYS.computeIfAbsent(name, (header) -> Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER));
		}
		return key;
	}

	private final class TracedCall implements CallSpan {

		private final Span span;

		/** Whether the span is recorded; one that is not still carries the trace to logs and calls. */
		private final boolean sampled;

		TracedCall(Span span) {
			this.span = span;
			this.sampled = !span.isNoop();
		}

		@Override
		public Scope makeCurrent() {
			return MicrometerCallTracing.this.tracer.withSpan(this.span)::close;
		}

		@Override
		public void end(Status.Code code, Throwable error, MethodMeters meters, long nanos) {
			try {
				if (this.sampled) {
					this.span.tag(CallMeters.STATUS_CODE_TAG, code.name());
					if (error != null) {
						this.span.error(error);
					}
					try (Scope scope = makeCurrent()) {
						meters.ended(code, error, nanos);
					}
				}
				else {
					meters.ended(code, error, nanos);
				}
			}
			finally {
				this.span.end();
			}
		}

	}

}

package io.github.microservicestarter.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.grpc.Context;
import io.grpc.InternalMetadata;
import io.grpc.InternalServerInterceptors;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.internal.StatsTraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorRegistry;
import net.devh.boot.grpc.server.service.GrpcServiceDefinition;
import net.devh.boot.grpc.server.service.GrpcServiceDiscoverer;

import io.github.microservicestarter.admission.AdmissionControl;
import io.github.microservicestarter.instrumentation.CallTracing;
import io.github.microservicestarter.instrumentation.UnsampledTrace;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server side of the chain benchmark: {@link ChainService}'s method as the app's server serves
 * it (bound by the Boot 3.5 binding's service discoverer, with the global interceptors in the
 * binding's order), behind the admission control, and {@link #call()} to drive one whole unary
 * call through it as grpc-java's server does, without the transport: a {@link FakeServerCall}
 * stands for it.
 */
final class ServerChain implements AutoCloseable {

	/** A trace id and a caller's span id, in the traceparent an unsampled caller sends. */
	static final String PARENT_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String UNSAMPLED_TRACEPARENT = "00-" + PARENT_TRACE_ID + "-00f067aa0ba902b7-00";

	private final ChainCase serverCase;

	private final ConfigurableApplicationContext context;

	private final ChainService service;

	private final ServerCallHandler<String, String> handler;

	private final AdmissionStep admission;

	/** The headers of every call as the transport reads them off the wire: names and values, unparsed. */
	private final byte[][] wireHeaders;

	private final FakeServerCall call = new FakeServerCall();

	private final List<String> chain = new ArrayList<>();

	/**
	 * Starts the case's app, if any, takes its chain and checks it with one call.
	 * @param serverCase the case
	 * @throws IllegalStateException when the chain is not what the case measures
	 */
	@SuppressWarnings("unchecked")
	ServerChain(ChainCase serverCase) {
		this.serverCase = serverCase;
		this.wireHeaders = wireHeaders(serverCase.sendsUnsampledParent() ? UNSAMPLED_TRACEPARENT : null);
		if (serverCase == ChainCase.BASELINE) {
			this.context = null;
			this.service = new ChainService();
			this.handler = this.service.handler();
			this.admission = AdmissionStep.NONE;
			this.chain.add("none (the handler alone)");
		}
		else {
			this.context = ChainApplication.start(serverCase.settings());
			this.service = this.context.getBean(ChainService.class);
			GrpcServiceDefinition served = this.context.getBean(GrpcServiceDiscoverer.class)
				.findGrpcServices()
				.stream()
				.filter((definition) -> definition.getDefinition().getServiceDescriptor().getName().equals(ChainService.SERVICE))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("The app's server does not serve " + ChainService.SERVICE));
			ServerMethodDefinition<?, ?> method = served.getDefinition().getMethod(ChainService.METHOD.getFullMethodName());
			this.handler = (ServerCallHandler<String, String>) method.getServerCallHandler();
			this.admission = AdmissionStep.of(this.context.getBean(AdmissionControl.class));
			this.admission.serverInterceptors.forEach((interceptor) -> this.chain.add(name(interceptor) + " (server-wide)"));
			this.context.getBean(GlobalServerInterceptorRegistry.class)
				.getServerInterceptors()
				.forEach((interceptor) -> this.chain.add(name(interceptor)));
		}
		check();
	}

	/**
	 * The interceptors a call passes, outermost first.
	 * @return their classes' names
	 */
	List<String> chain() {
		return this.chain;
	}

	/**
	 * One unary call, from the request's headers to its end: what grpc-java's server does per call
	 * around the handler, less the transport. The stream's tracers (the admission's) and the call's
	 * context come first; with the context current, the call's executor is chosen (admission takes a
	 * permit) and the server-wide interceptors wrap the method's handler, as grpc-java wraps it per
	 * call; then the request, the half-close (the handler answers), the stream's end (the permit
	 * goes back) and the call's completion.
	 * @return the status the call closed with
	 */
	Status call() {
		FakeServerCall call = this.call;
		call.reset();
		Metadata headers = InternalMetadata.newMetadata(this.wireHeaders.clone());
		StatsTraceContext stream = StatsTraceContext.newServerContext(this.admission.tracerFactories,
				ChainService.METHOD.getFullMethodName(), headers);
		Context.CancellableContext context = stream.serverFilterContext(Context.ROOT).withCancellation();
		ServerCall.Listener<String> listener;
		Context previous = context.attach();
		try {
			if (this.admission.executorSupplier != null) {
				this.admission.executorSupplier.getExecutor(call, headers);
			}
			ServerCallHandler<String, String> handler = this.handler;
			for (ServerInterceptor interceptor : this.admission.serverInterceptors) {
				handler = InternalServerInterceptors.interceptCallHandlerCreate(interceptor, handler);
			}
			listener = handler.startCall(call, headers);
		}
		finally {
			context.detach(previous);
		}
		stream.inboundUncompressedSize(ChainService.REQUEST.length());
		previous = context.attach();
		try {
			listener.onMessage(ChainService.REQUEST);
			listener.onHalfClose();
		}
		finally {
			context.detach(previous);
		}
		Status status = call.status();
		stream.streamClosed(status);
		previous = context.attach();
		try {
			listener.onComplete();
		}
		finally {
			context.detach(previous);
		}
		context.cancel(null);
		return status;
	}

	/**
	 * Checks with one call that the chain is there and does what the case says: the call ends OK,
	 * the app's {@code grpc.server} timer counts it, the admission control gives its permit back,
	 * and inside the handler the call's trace is what the case measures.
	 */
	private void check() {
		AtomicReference<ChainCase.Trace> seen = new AtomicReference<>();
		Tracer appTracer = (this.context != null) ? this.context.getBeanProvider(Tracer.class).getIfAvailable() : null;
		// Spring Boot's stand-in when the app has no tracer, whose current span is a no-op span, never null.
		Tracer tracer = (appTracer != Tracer.NOOP) ? appTracer : null;
		this.service.probe(() -> seen.set(traceInHandler(tracer)));
		long timed = timedCalls();
		Status status = call();
		this.service.probe(null);
		String problem = null;
		if (!status.isOk()) {
			problem = "the call ended " + status;
		}
		else if (this.context != null && timedCalls() != timed + 1) {
			problem = "the grpc.server timer did not count the call (" + timed + " before, " + timedCalls() + " after)";
		}
		else if (this.context != null && this.context.getBean(AdmissionControl.class).admittedCalls() != 0) {
			problem = "the admission control still holds the call's permit";
		}
		else if (this.serverCase == ChainCase.UNTRACED
				&& this.context.getBeanProvider(CallTracing.class).getIfAvailable() != null) {
			problem = "the app traces calls";
		}
		else if (!this.serverCase.allows(seen.get())) {
			problem = "inside the handler the call's trace was " + seen.get() + ", not one of " + this.serverCase.traces();
		}
		if (problem != null) {
			close();
			throw new IllegalStateException("The server chain of case " + this.serverCase + " is not what it measures: "
					+ problem + ". Chain: " + this.chain);
		}
	}

	/** What the handler sees of the call's trace: the starter's unsampled trace, a tracer span, or neither. */
	private static ChainCase.Trace traceInHandler(Tracer tracer) {
		String unsampled = UnsampledTrace.currentTraceId();
		Span span = (tracer != null) ? tracer.currentSpan() : null;
		if (unsampled != null) {
			if (span != null) {
				throw new IllegalStateException("the handler has an unsampled trace and a span " + span);
			}
			return PARENT_TRACE_ID.equals(unsampled) ? ChainCase.Trace.UNSAMPLED_PARENT : ChainCase.Trace.UNSAMPLED_NEW;
		}
		if (span == null) {
			return ChainCase.Trace.NONE;
		}
		return Boolean.TRUE.equals(span.context().sampled()) ? ChainCase.Trace.SAMPLED : ChainCase.Trace.UNSAMPLED_SPAN;
	}

	private long timedCalls() {
		if (this.context == null) {
			return 0;
		}
		return this.context.getBean(MeterRegistry.class)
			.find("grpc.server")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	/**
	 * The headers of a unary call from a grpc-java client as the server's transport reads them: the
	 * content type, the client's user agent and accepted encodings, and the caller's traceparent if
	 * any, as bytes that each lookup parses.
	 */
	private static byte[][] wireHeaders(String traceparent) {
		List<String> headers = new ArrayList<>(List.of("content-type", "application/grpc", "user-agent",
				"grpc-java-netty/1.85.1", "grpc-accept-encoding", "gzip"));
		if (traceparent != null) {
			headers.addAll(List.of("traceparent", traceparent));
		}
		return headers.stream().map((text) -> text.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
	}

	private static String name(Object interceptor) {
		Class<?> type = interceptor.getClass();
		return (type.getEnclosingClass() != null) ? type.getEnclosingClass().getSimpleName() + "." + type.getSimpleName()
				: type.getSimpleName();
	}

	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

}

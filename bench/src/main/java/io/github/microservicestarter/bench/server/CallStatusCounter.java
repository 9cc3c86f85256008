package io.github.microservicestarter.bench.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Counts the calls a server closes, by status code. h2load counts every HTTP 200 as a success,
 * even one whose grpc-status is not 0; this count, printed when the server stops, is how a run
 * proves that the calls it timed really succeeded, or (comparison 8) how many were shed. Health
 * checks are not counted: comparison 8's come from ghz, which counts them itself.
 */
public class CallStatusCounter implements ServerInterceptor {

	/** The start of the line bench/run looks for in the server's output. */
	public static final String REPORT_PREFIX = "bench-calls";

	private static final String HEALTH_SERVICE = "grpc.health.v1.Health";

	private final Map<Status.Code, LongAdder> closed = new ConcurrentHashMap<>();

	private final LongSupplier refusedBeforeInterceptors;

	/** Counts the calls this interceptor sees close: every call of a server that refuses none before it. */
	public CallStatusCounter() {
		this(() -> 0);
	}

	/**
	 * Counts the calls this interceptor sees close and those the server refused before any
	 * interceptor saw them, as RESOURCE_EXHAUSTED: the starter's admission control ends a call
	 * beyond its limit that way, so this interceptor never sees it.
	 * @param refusedBeforeInterceptors the calls refused so far before the interceptors
	 */
	public CallStatusCounter(LongSupplier refusedBeforeInterceptors) {
		this.refusedBeforeInterceptors = refusedBeforeInterceptors;
	}

	@Override
	public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
			ServerCallHandler<ReqT, RespT> next) {
		if (HEALTH_SERVICE.equals(call.getMethodDescriptor().getServiceName())) {
			return next.startCall(call, headers);
		}
		return next.startCall(new SimpleForwardingServerCall<>(call) {

			@Override
			public void close(Status status, Metadata trailers) {
				CallStatusCounter.this.closed.computeIfAbsent(status.getCode(), (code) -> new LongAdder()).increment();
				super.close(status, trailers);
			}

		}, headers);
	}

	/**
	 * Prints {@code bench-calls ok=N failed=M}, the count of each failing code and, when the server
	 * refused calls before the interceptors, how many of the RESOURCE_EXHAUSTED they are, for
	 * bench/run.
	 */
	public void report() {
		Map<Status.Code, Long> counts = new TreeMap<>();
		this.closed.forEach((code, count) -> counts.put(code, count.sum()));
		long refused = this.refusedBeforeInterceptors.getAsLong();
		if (refused > 0) {
			counts.merge(Status.Code.RESOURCE_EXHAUSTED, refused, Long::sum);
		}
		long ok = counts.getOrDefault(Status.Code.OK, 0L);
		long failed = counts.values().stream().mapToLong(Long::longValue).sum() - ok;
		StringBuilder line = new StringBuilder(REPORT_PREFIX).append(" ok=").append(ok).append(" failed=").append(failed);
		counts.forEach((code, count) -> {
			if (code != Status.Code.OK) {
				line.append(' ').append(code).append('=').append(count);
			}
		});
		if (refused > 0) {
			line.append(" refused_before_interceptors=").append(refused);
		}
		System.out.println(line);
	}

}

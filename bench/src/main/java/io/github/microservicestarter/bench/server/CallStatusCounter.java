package io.github.microservicestarter.bench.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Counts the calls a server closes, by status code. h2load counts every HTTP 200 as a success,
 * even one whose grpc-status is not 0; this count, printed when the server stops, is how a run
 * proves that the calls it timed really succeeded.
 */
public class CallStatusCounter implements ServerInterceptor {

	/** The start of the line bench/run looks for in the server's output. */
	public static final String REPORT_PREFIX = "bench-calls";

	private final Map<Status.Code, LongAdder> closed = new ConcurrentHashMap<>();

	@Override
	public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
			ServerCallHandler<ReqT, RespT> next) {
		return next.startCall(new SimpleForwardingServerCall<>(call) {

			@Override
			public void close(Status status, Metadata trailers) {
				CallStatusCounter.this.closed.computeIfAbsent(status.getCode(), (code) -> new LongAdder()).increment();
				super.close(status, trailers);
			}

		}, headers);
	}

	/** Prints {@code bench-calls ok=N failed=M} and the count of each failing code, for bench/run. */
	public void report() {
		Map<Status.Code, Long> counts = new TreeMap<>();
		this.closed.forEach((code, count) -> counts.put(code, count.sum()));
		long ok = counts.getOrDefault(Status.Code.OK, 0L);
		long failed = counts.values().stream().mapToLong(Long::longValue).sum() - ok;
		StringBuilder line = new StringBuilder(REPORT_PREFIX).append(" ok=").append(ok).append(" failed=").append(failed);
		counts.forEach((code, count) -> {
			if (code != Status.Code.OK) {
				line.append(' ').append(code).append('=').append(count);
			}
		});
		System.out.println(line);
	}

}

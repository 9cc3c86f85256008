package io.github.microservicestarter.bench.client;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import io.grpc.Channel;
import io.grpc.stub.StreamObserver;

import io.github.microservicestarter.demo.helloworld.GreeterGrpc;
import io.github.microservicestarter.demo.helloworld.HelloReply;
import io.github.microservicestarter.demo.helloworld.HelloRequest;

/**
 * Closed-loop unary load over a channel: {@code concurrency} callers, each sending its next
 * SayHello when the previous one is answered, for a warm-up and then a measured time. A call
 * that fails, or answers anything but "Hello bench", is an error.
 */
final class UnaryLoad {

	private static final HelloRequest REQUEST = HelloRequest.newBuilder().setName("bench").build();

	private static final String REPLY = "Hello bench";

	private final GreeterGrpc.GreeterStub stub;

	private final int concurrency;

	private final ProcessCpu server;

	/** {@code server}: the server's process, whose CPU time is read too; null for none. */
	UnaryLoad(Channel channel, int concurrency, ProcessCpu server) {
		this.stub = GreeterGrpc.newStub(channel);
		this.concurrency = concurrency;
		this.server = server;
	}

	/** Runs the load for the warm-up, then measures it; the result covers the measured time only. */
	Result run(Duration warmup, Duration measure) throws InterruptedException {
		runFor(warmup);
		return runFor(measure);
	}

	private Result runFor(Duration duration) throws InterruptedException {
		long end = System.nanoTime() + duration.toNanos();
		AtomicLong errors = new AtomicLong();
		CountDownLatch done = new CountDownLatch(this.concurrency);
		Caller[] callers = new Caller[this.concurrency];
		long start = System.nanoTime();
		long cpuStart = processCpuNanos();
		long serverCpuStart = serverCpuNanos();
		for (int i = 0; i < this.concurrency; i++) {
			callers[i] = new Caller(end, errors, done);
			callers[i].next();
		}
		if (!done.await(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Calls still unanswered a minute after the end of the run");
		}
		long elapsed = System.nanoTime() - start;
		long cpu = processCpuNanos() - cpuStart;
		long serverCpu = (this.server != null) ? serverCpuNanos() - serverCpuStart : -1;
		long[] latencies = Arrays.stream(callers).flatMapToLong(Caller::latencies).sorted().toArray();
		return new Result(latencies, elapsed, cpu, serverCpu, errors.get());
	}

	/**
	 * The CPU time of this whole process (every thread, user and system): a client pinned to one
	 * CPU pays all of it in its calls' latency, and it varies less from run to run than latency.
	 */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private long serverCpuNanos() {
		return (this.server != null) ? this.server.nanos() : 0;
	}

	/** One caller: one call in flight at a time; gRPC runs its callbacks one after the other. */
	private final class Caller implements StreamObserver<HelloReply> {

		private final long end;

		private final AtomicLong errors;

		private final CountDownLatch done;

		private long[] latencies = new long[1024];

		private int count;

		private long sent;

		private boolean answered;

		Caller(long end, AtomicLong errors, CountDownLatch done) {
			this.end = end;
			this.errors = errors;
			this.done = done;
		}

		void next() {
			this.answered = false;
			this.sent = System.nanoTime();
			if (this.sent >= this.end) {
				this.done.countDown();
				return;
			}
			UnaryLoad.this.stub.sayHello(REQUEST, this);
		}

		@Override
		public void onNext(HelloReply reply) {
			this.answered = REPLY.equals(reply.getMessage());
		}

		@Override
		public void onError(Throwable error) {
			this.errors.incrementAndGet();
			next();
		}

		@Override
		public void onCompleted() {
			if (!this.answered) {
				this.errors.incrementAndGet();
			}
			record(System.nanoTime() - this.sent);
			next();
		}

		private void record(long latency) {
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
			}
			this.latencies[this.count++] = latency;
		}

		LongStream latencies() {
			return Arrays.stream(this.latencies, 0, this.count);
		}

	}

	/**
	 * The answered calls' latencies in nanoseconds, sorted; the time they took; the process's CPU
	 * time meanwhile, and the server's (-1 when not read); the errors.
	 */
	record Result(long[] latencies, long elapsedNanos, long cpuNanos, long serverCpuNanos, long errors) {

		/** One line of key=value pairs that bench/run records. */
		String summary() {
			double seconds = this.elapsedNanos / 1e9;
			String line = "requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d cpu_us_per_call=%.1f"
				.formatted(this.latencies.length, seconds, this.latencies.length / seconds, percentileMicros(50),
						percentileMicros(90), percentileMicros(99), microsPerCall(this.cpuNanos));
			if (this.serverCpuNanos >= 0) {
				line += " server_cpu_us_per_call=%.1f".formatted(microsPerCall(this.serverCpuNanos));
			}
			return line + " errors=" + this.errors;
		}

		private double microsPerCall(long nanos) {
			return (this.latencies.length == 0) ? 0 : nanos / 1e3 / this.latencies.length;
		}

		private long percentileMicros(double percentile) {
			if (this.latencies.length == 0) {
				return 0;
			}
			int index = (int) Math.ceil(percentile / 100 * this.latencies.length) - 1;
			return TimeUnit.NANOSECONDS.toMicros(this.latencies[Math.max(0, index)]);
		}

	}

}

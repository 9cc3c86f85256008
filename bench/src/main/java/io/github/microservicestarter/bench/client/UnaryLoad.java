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
 * SayHello when the previous one is answered, until the JIT compilers settle, for a warm-up and
 * then a measured time. A call that fails, or answers anything but "Hello bench", is an error.
 */
final class UnaryLoad {

	private static final HelloRequest REQUEST = HelloRequest.newBuilder().setName("bench").build();

	private static final String REPLY = "Hello bench";

	/** A round of the load while the JIT compilers settle. */
	private static final Duration SETTLE_ROUND = Duration.ofSeconds(5);

	/** Compilers are quiet when they work less than 1 % of a round, in each JVM. */
	private static final long QUIET_COMPILE_MILLIS = SETTLE_ROUND.toMillis() / 100;

	/** Settled after this many quiet rounds in a row: one quiet round was followed by a compile wave. */
	private static final int QUIET_ROUNDS = 2;

	private final GreeterGrpc.GreeterStub stub;

	private final int concurrency;

	private final ProcessCpu server;

	private final CompileTime clientCompiler = CompileTime.ofThisJvm();

	private final CompileTime serverCompiler;

	/** {@code serverPid}: the server's process, whose CPU and compile times are read too; 0 for none. */
	UnaryLoad(Channel channel, int concurrency, long serverPid) {
		this.stub = GreeterGrpc.newStub(channel);
		this.concurrency = concurrency;
		this.server = (serverPid > 0) ? new ProcessCpu(serverPid) : null;
		this.serverCompiler = (serverPid > 0) ? CompileTime.ofProcess(serverPid) : null;
	}

	/**
	 * Runs the load until the JIT compilers of this JVM and the server's settle (at most
	 * {@code settleMax}), then for the warm-up, then measures it; the result covers the measured
	 * time only. A variant with more code to compile needs longer to settle: measuring it while its
	 * compilers still take the CPU would compare warm-ups, not calls.
	 */
	Result run(Duration settleMax, Duration warmup, Duration measure) throws InterruptedException {
		long settling = System.nanoTime();
		boolean settled = settle(settleMax);
		long settledNanos = System.nanoTime() - settling;
		runFor(warmup);
		long clientCompile = this.clientCompiler.millis();
		long serverCompile = serverCompileMillis();
		Result result = runFor(measure);
		return result.withCompilers(settledNanos, settled, this.clientCompiler.millis() - clientCompile,
				serverCompileMillis() - serverCompile);
	}

	private boolean settle(Duration max) throws InterruptedException {
		long end = System.nanoTime() + max.toNanos();
		int quietRounds = 0;
		while (System.nanoTime() < end) {
			long client = this.clientCompiler.millis();
			long server = serverCompileMillis();
			runFor(SETTLE_ROUND);
			boolean quiet = this.clientCompiler.millis() - client < QUIET_COMPILE_MILLIS
					&& serverCompileMillis() - server < QUIET_COMPILE_MILLIS;
			quietRounds = quiet ? quietRounds + 1 : 0;
			if (quietRounds == QUIET_ROUNDS) {
				return true;
			}
		}
		return false;
	}

	private long serverCompileMillis() {
		return (this.serverCompiler != null) ? this.serverCompiler.millis() : 0;
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
		return new Result(latencies, elapsed, cpu, serverCpu, errors.get(), 0, false, -1, -1);
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
	 * time meanwhile, and the server's (-1 when not read); the errors; how long the load ran before
	 * the compilers settled, and whether they did; the compilers' work in the measured time, this
	 * JVM's and the server's (-1 when not read).
	 */
	record Result(long[] latencies, long elapsedNanos, long cpuNanos, long serverCpuNanos, long errors,
			long settleNanos, boolean settled, long compileMillis, long serverCompileMillis) {

		Result withCompilers(long settleNanos, boolean settled, long compileMillis, long serverCompileMillis) {
			return new Result(this.latencies, this.elapsedNanos, this.cpuNanos, this.serverCpuNanos, this.errors,
					settleNanos, settled, compileMillis, serverCompileMillis);
		}

		/** One line of key=value pairs that bench/run records. */
		String summary() {
			double seconds = this.elapsedNanos / 1e9;
			String line = "requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d cpu_us_per_call=%.1f"
				.formatted(this.latencies.length, seconds, this.latencies.length / seconds, percentileMicros(50),
						percentileMicros(90), percentileMicros(99), microsPerCall(this.cpuNanos));
			if (this.serverCpuNanos >= 0) {
				line += " server_cpu_us_per_call=%.1f".formatted(microsPerCall(this.serverCpuNanos));
			}
			line += " settle_s=%.0f settled=%d jit_ms=%d".formatted(this.settleNanos / 1e9, this.settled ? 1 : 0,
					this.compileMillis);
			if (this.serverCompileMillis >= 0) {
				line += " server_jit_ms=" + this.serverCompileMillis;
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

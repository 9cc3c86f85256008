package io.github.microservicestarter.bench.jmh;

import java.util.concurrent.TimeUnit;

import io.grpc.Status;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The starter's interceptor chains alone (issue 18, "Pay only for what is sampled"): the time and,
 * with {@code -prof gc}, the bytes allocated of one whole unary call through the chain the Boot
 * 3.5 starter installs, served ({@link ServerChain}) and made through the sidecar client
 * ({@link ClientChain}), with the transport left out. Each case but the baseline starts an app of
 * its own; the baseline is the same harness without app or interceptor, so a case's figure less
 * the baseline's is what the chain costs. One thread: the figures are per call, not under
 * contention.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChainBenchmark {

	@Benchmark
	public Status server(ServerState state) {
		return state.chain.call();
	}

	@Benchmark
	public Status client(ClientState state) {
		return state.chain.call();
	}

	@State(Scope.Benchmark)
	public static class ServerState {

		@Param({ "baseline", "untraced", "tracing-disabled", "unsampled-parent", "unsampled-new", "sampled" })
		public String serverCase;

		ServerChain chain;

		@Setup
		public void start() {
			this.chain = new ServerChain(ChainCase.of(this.serverCase));
			System.out.println("Server chain, " + this.serverCase + ", outermost first: " + this.chain.chain());
		}

		@TearDown
		public void stop() {
			this.chain.close();
		}

	}

	@State(Scope.Benchmark)
	public static class ClientState {

		@Param({ "baseline", "untraced", "tracing-disabled", "unsampled", "sampled" })
		public String clientCase;

		ClientChain chain;

		@Setup
		public void start() {
			this.chain = new ClientChain(ChainCase.of(this.clientCase));
			System.out.println("Client chain, " + this.clientCase + ", outermost first: " + this.chain.chain());
		}

		@TearDown
		public void stop() {
			this.chain.close();
		}

	}

}

package io.github.microservicestarter.bench.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Runs the unary load against the greeter on {@code bench.port} of loopback, through a raw stub's
 * channel ({@code bench.channel=raw}) or the sidecar client's ({@code sidecar}), and prints its
 * result line, with the server's CPU time per call when {@code bench.server-pid} names its process.
 * Exits 1 if any call failed.
 */
@Component
class UnaryLoadRunner implements ApplicationRunner, ExitCodeGenerator {

	private final SidecarGreeterChannel sidecar;

	private final String channelKind;

	private final int port;

	private final int concurrency;

	private final Duration warmup;

	private final Duration duration;

	private final ProcessCpu server;

	private int exitCode;

	UnaryLoadRunner(SidecarGreeterChannel sidecar, @Value("${bench.channel}") String channelKind,
			@Value("${bench.port}") int port, @Value("${bench.concurrency}") int concurrency,
			@Value("${bench.warmup}") Duration warmup, @Value("${bench.duration}") Duration duration,
			@Value("${bench.server-pid:0}") long serverPid) {
		this.sidecar = sidecar;
		this.channelKind = channelKind;
		this.port = port;
		this.concurrency = concurrency;
		this.warmup = warmup;
		this.duration = duration;
		this.server = (serverPid > 0) ? new ProcessCpu(serverPid) : null;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		UnaryLoad.Result result = switch (this.channelKind) {
			case "raw" -> runRaw();
			case "sidecar" -> new UnaryLoad(this.sidecar.channel(), this.concurrency, this.server).run(this.warmup, this.duration);
			default -> throw new IllegalArgumentException("bench.channel is raw or sidecar, not " + this.channelKind);
		};
		System.out.println("result " + result.summary());
		this.exitCode = (result.errors() == 0) ? 0 : 1;
	}

	private UnaryLoad.Result runRaw() throws InterruptedException {
		// The channel a user writes by hand: plaintext to one address, grpc-java's defaults otherwise.
		ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.port).usePlaintext().build();
		try {
			return new UnaryLoad(channel, this.concurrency, this.server).run(this.warmup, this.duration);
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}

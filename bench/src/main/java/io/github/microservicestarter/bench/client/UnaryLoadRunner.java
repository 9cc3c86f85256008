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

	private final Duration settleMax;

	private final long serverPid;

	private int exitCode;

	UnaryLoadRunner(SidecarGreeterChannel sidecar, @Value("${bench.channel}") String channelKind,
			@Value("${bench.port}") int port, @Value("${bench.concurrency}") int concurrency,
			@Value("${bench.settle-max}") Duration settleMax, @Value("${bench.warmup}") Duration warmup,
			@Value("${bench.duration}") Duration duration, @Value("${bench.server-pid:0}") long serverPid) {
		this.sidecar = sidecar;
		this.channelKind = channelKind;
		this.port = port;
		this.concurrency = concurrency;
		this.warmup = warmup;
		this.duration = duration;
		this.settleMax = settleMax;
		this.serverPid = serverPid;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		UnaryLoad.Result result = switch (this.channelKind) {
			case "raw" -> runRaw();
			case "sidecar" -> run(this.sidecar.channel());
			default -> throw new IllegalArgumentException("bench.channel is raw or sidecar, not " + this.channelKind);
		};
		System.out.println("result " + result.summary());
		this.exitCode = (result.errors() == 0) ? 0 : 1;
	}

	private UnaryLoad.Result runRaw() throws InterruptedException {
		// The channel a user writes by hand: plaintext to one address, grpc-java's defaults otherwise.
		ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.port).usePlaintext().build();
		try {
			return run(channel);
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	private UnaryLoad.Result run(Channel channel) throws InterruptedException {
		return new UnaryLoad(channel, this.concurrency, this.serverPid).run(this.settleMax, this.warmup, this.duration);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}

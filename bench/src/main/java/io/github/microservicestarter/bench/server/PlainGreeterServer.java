package io.github.microservicestarter.bench.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * Plain grpc-java, as a careful team would write it by hand: {@link BenchGreeter} on a
 * {@code NettyServerBuilder} with a bounded pool of as many threads as the starter's default.
 * With {@code health} it also serves grpc-java's own health service, as grpc-java ships it (on the
 * same pool as every call), for comparison 8; without it the server is the one every other
 * comparison measured. Usage: {@code PlainGreeterServer <port> [health]}.
 */
public final class PlainGreeterServer {

	private PlainGreeterServer() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		// The starter's default: twice the available processors, at least 4.
		int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
		ExecutorService executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "grpc-server");
					thread.setDaemon(true);
					return thread;
				});
		CallStatusCounter counter = new CallStatusCounter();
		NettyServerBuilder builder = NettyServerBuilder.forPort(port)
			.executor(executor)
			.addService(ServerInterceptors.intercept(new BenchGreeter(), counter));
		boolean health = args.length > 1 && args[1].equals("health");
		if (health) {
			// SERVING for the whole server ("") from the start.
			builder.addService(new HealthStatusManager().getHealthService());
		}
		Server server = builder.build().start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.shutdown();
			try {
				server.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			counter.report();
		}));
		System.out.println("Plain grpc-java serves on port " + server.getPort() + " with " + threads + " threads"
				+ (health ? ", and gRPC's health service" : ""));
		server.awaitTermination();
	}

}

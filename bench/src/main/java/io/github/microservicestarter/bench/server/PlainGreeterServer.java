package io.github.microservicestarter.bench.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

/**
 * Plain grpc-java, as a careful team would write it by hand: {@link BenchGreeter} on a
 * {@code NettyServerBuilder} with a bounded pool of as many threads as the starter's default.
 * Usage: {@code PlainGreeterServer <port>}.
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
		Server server = NettyServerBuilder.forPort(port)
			.executor(executor)
			.addService(ServerInterceptors.intercept(new BenchGreeter(), counter))
			.build()
			.start();
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
		System.out.println("Plain grpc-java serves on port " + server.getPort() + " with " + threads + " threads");
		server.awaitTermination();
	}

}

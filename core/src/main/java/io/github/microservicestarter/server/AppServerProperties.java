package io.github.microservicestarter.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gRPC server runs calls and stops.
 */
@ConfigurationProperties("microservice.server")
public class AppServerProperties {

	/**
	 * How long a stopping server waits for calls in flight to finish before cancelling them. 0
	 * cancels them at once; a negative value waits for as long as they take.
	 */
	private Duration shutdownGracePeriod = Duration.ofSeconds(30);

	/**
	 * The threads that run service methods.
	 */
	private final Executor executor = new Executor();

	public Duration getShutdownGracePeriod() {
		return this.shutdownGracePeriod;
	}

	public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	public Executor getExecutor() {
		return this.executor;
	}

	/**
	 * The kind and size of the server's executor.
	 */
	public static class Executor {

		/**
		 * fixed: a bounded pool of 'threads' threads (the default); cached: grpc-java's unbounded
		 * pool; direct: run on the transport's event loop (only for handlers that never block).
		 */
		private ServerExecutorKind kind = ServerExecutorKind.FIXED;

		/**
		 * Threads of the fixed pool. Defaults to twice the available processors, at least 4.
		 */
		private Integer threads;

		public ServerExecutorKind getKind() {
			return this.kind;
		}

		public void setKind(ServerExecutorKind kind) {
			this.kind = kind;
		}

		public Integer getThreads() {
			return this.threads;
		}

		public void setThreads(Integer threads) {
			this.threads = threads;
		}

	}

}

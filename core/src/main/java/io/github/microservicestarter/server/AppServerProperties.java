package io.github.microservicestarter.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How the gRPC server runs calls, what it takes from its clients, and how it stops.
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

	/**
	 * Calls the whole server runs at once, health checks aside; the next one is refused at once
	 * with RESOURCE_EXHAUSTED and a retry delay, which keeps latency and memory bounded under any
	 * load. Raise it for apps that hold many long streams.
	 */
	private int maxConcurrentCalls = 200;

	/**
	 * The delay a call refused for max-concurrent-calls is told to wait before it retries
	 * (google.rpc.RetryInfo).
	 */
	private Duration overloadRetryDelay = Duration.ofMillis(200);

	/**
	 * Largest total of the requests of one client-streaming call, which the service typically
	 * collects until the client half-closes; beyond it the call ends with RESOURCE_EXHAUSTED.
	 */
	private DataSize maxClientStreamSize = DataSize.ofMegabytes(16);

	/**
	 * Largest request message the server reads; a larger one ends its call with
	 * RESOURCE_EXHAUSTED.
	 */
	private DataSize maxInboundMessageSize = DataSize.ofMegabytes(4);

	/**
	 * Largest set of request headers the server reads; a call with more is refused.
	 */
	private DataSize maxInboundMetadataSize = DataSize.ofKilobytes(8);

	/**
	 * Calls one connection may have in flight (HTTP/2 MAX_CONCURRENT_STREAMS); a client queues the
	 * rest until one ends.
	 */
	private int maxConcurrentCallsPerConnection = 100;

	/**
	 * Keepalive pings the server accepts from its clients; a client that pings more often is
	 * disconnected (GOAWAY too_many_pings).
	 */
	private final Keepalive keepalive = new Keepalive();

	/**
	 * How long a connection without calls stays open; none when not set.
	 */
	private Duration maxConnectionIdle;

	/**
	 * How long a connection serves new calls before the server asks the client to reconnect (about
	 * 10% random added), so that calls spread over instances added since; none when not set.
	 */
	private Duration maxConnectionAge = Duration.ofMinutes(15);

	/**
	 * How long calls in flight on a connection past its max-connection-age may go on before the
	 * connection is closed.
	 */
	private Duration maxConnectionAgeGrace = Duration.ofMinutes(1);

	public Duration getShutdownGracePeriod() {
		return this.shutdownGracePeriod;
	}

	public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	public Executor getExecutor() {
		return this.executor;
	}

	public int getMaxConcurrentCalls() {
		return this.maxConcurrentCalls;
	}

	public void setMaxConcurrentCalls(int maxConcurrentCalls) {
		this.maxConcurrentCalls = maxConcurrentCalls;
	}

	public Duration getOverloadRetryDelay() {
		return this.overloadRetryDelay;
	}

	public void setOverloadRetryDelay(Duration overloadRetryDelay) {
		this.overloadRetryDelay = overloadRetryDelay;
	}

	public DataSize getMaxClientStreamSize() {
		return this.maxClientStreamSize;
	}

	public void setMaxClientStreamSize(DataSize maxClientStreamSize) {
		this.maxClientStreamSize = maxClientStreamSize;
	}

	public DataSize getMaxInboundMessageSize() {
		return this.maxInboundMessageSize;
	}

	public void setMaxInboundMessageSize(DataSize maxInboundMessageSize) {
		this.maxInboundMessageSize = maxInboundMessageSize;
	}

	public DataSize getMaxInboundMetadataSize() {
		return this.maxInboundMetadataSize;
	}

	public void setMaxInboundMetadataSize(DataSize maxInboundMetadataSize) {
		this.maxInboundMetadataSize = maxInboundMetadataSize;
	}

	public int getMaxConcurrentCallsPerConnection() {
		return this.maxConcurrentCallsPerConnection;
	}

	public void setMaxConcurrentCallsPerConnection(int maxConcurrentCallsPerConnection) {
		this.maxConcurrentCallsPerConnection = maxConcurrentCallsPerConnection;
	}

	public Keepalive getKeepalive() {
		return this.keepalive;
	}

	public Duration getMaxConnectionIdle() {
		return this.maxConnectionIdle;
	}

	public void setMaxConnectionIdle(Duration maxConnectionIdle) {
		this.maxConnectionIdle = maxConnectionIdle;
	}

	public Duration getMaxConnectionAge() {
		return this.maxConnectionAge;
	}

	public void setMaxConnectionAge(Duration maxConnectionAge) {
		this.maxConnectionAge = maxConnectionAge;
	}

	public Duration getMaxConnectionAgeGrace() {
		return this.maxConnectionAgeGrace;
	}

	public void setMaxConnectionAgeGrace(Duration maxConnectionAgeGrace) {
		this.maxConnectionAgeGrace = maxConnectionAgeGrace;
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

	/**
	 * The keepalive pings the server permits its clients.
	 */
	public static class Keepalive {

		/**
		 * The shortest time between a client's keepalive pings that the server accepts.
		 */
		private Duration permitTime = Duration.ofSeconds(20);

		/**
		 * Whether a client may ping a connection that has no call in flight.
		 */
		private boolean permitWithoutCalls;

		public Duration getPermitTime() {
			return this.permitTime;
		}

		public void setPermitTime(Duration permitTime) {
			this.permitTime = permitTime;
		}

		public boolean isPermitWithoutCalls() {
			return this.permitWithoutCalls;
		}

		public void setPermitWithoutCalls(boolean permitWithoutCalls) {
			this.permitWithoutCalls = permitWithoutCalls;
		}

	}

}

package io.github.microservicestarter.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sidecar client's defaults for every target app, and how to reach the sidecar.
 */
@ConfigurationProperties("microservice.client")
public class SidecarClientProperties {

	/**
	 * How calls reach target apps: auto (through the sidecar when DAPR_GRPC_ENDPOINT or
	 * DAPR_GRPC_PORT is set, else direct), sidecar or direct. A target's own mode wins.
	 */
	private ClientMode mode = ClientMode.AUTO;

	/**
	 * The sidecar's gRPC endpoint: host:port, http://host:port or https://host:port (TLS).
	 * Defaults to the DAPR_GRPC_ENDPOINT environment variable, else localhost:DAPR_GRPC_PORT, else
	 * localhost:50001.
	 */
	private String sidecarEndpoint;

	/**
	 * Name of the Spring Boot SSL bundle that checks an https:// sidecar endpoint's certificate
	 * (its trust store) and, when it has a key store, gives this client's certificate. The
	 * JDK's trust when not set.
	 */
	private String sidecarTlsBundle;

	/**
	 * The token sent to the sidecar as dapr-api-token. Defaults to the DAPR_API_TOKEN environment
	 * variable; none when neither is set.
	 */
	private String apiToken;

	/**
	 * Deadline of calls that have none of their own (and no incoming call's deadline to inherit).
	 * None when not set. A target's own deadline wins.
	 */
	private Duration deadline;

	/**
	 * Compression of requests: gzip, or none when not set. A target's own compression wins.
	 */
	private String compression;

	/**
	 * The longest a connection to a target that failed waits before it tries again: a target that
	 * comes back is called again within this time, or at once by the next call made to it.
	 */
	private Duration maxReconnectBackoff = Duration.ofMillis(500);

	/**
	 * Whether an UNAVAILABLE from a target names its route (its address, or the sidecar's) and the
	 * transport's reason; for debugging only, as descriptions travel on: a service that passes
	 * one on tells its own callers its internal addresses. Off, it names the app id alone.
	 */
	private boolean detailedErrors;

	/**
	 * Retries of idempotent methods on UNAVAILABLE.
	 */
	private final Retry retry = new Retry();

	/**
	 * HTTP/2 keepalive pings on the client's connections.
	 */
	private final Keepalive keepalive = new Keepalive();

	/**
	 * Where the ID tokens of targets with microservice.clients.<app-id>.id-token.audience come
	 * from.
	 */
	private final IdTokens idToken = new IdTokens();

	public ClientMode getMode() {
		return this.mode;
	}

	public void setMode(ClientMode mode) {
		this.mode = mode;
	}

	public String getSidecarEndpoint() {
		return this.sidecarEndpoint;
	}

	public void setSidecarEndpoint(String sidecarEndpoint) {
		this.sidecarEndpoint = sidecarEndpoint;
	}

	public String getSidecarTlsBundle() {
		return this.sidecarTlsBundle;
	}

	public void setSidecarTlsBundle(String sidecarTlsBundle) {
		this.sidecarTlsBundle = sidecarTlsBundle;
	}

	public String getApiToken() {
		return this.apiToken;
	}

	public void setApiToken(String apiToken) {
		this.apiToken = apiToken;
	}

	public Duration getDeadline() {
		return this.deadline;
	}

	public void setDeadline(Duration deadline) {
		this.deadline = deadline;
	}

	public String getCompression() {
		return this.compression;
	}

	public void setCompression(String compression) {
		this.compression = compression;
	}

	public Duration getMaxReconnectBackoff() {
		return this.maxReconnectBackoff;
	}

	public void setMaxReconnectBackoff(Duration maxReconnectBackoff) {
		this.maxReconnectBackoff = maxReconnectBackoff;
	}

	public boolean isDetailedErrors() {
		return this.detailedErrors;
	}

	public void setDetailedErrors(boolean detailedErrors) {
		this.detailedErrors = detailedErrors;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Keepalive getKeepalive() {
		return this.keepalive;
	}

	public IdTokens getIdToken() {
		return this.idToken;
	}

	/**
	 * How idempotent methods are retried: methods whose proto declares idempotency_level
	 * IDEMPOTENT or NO_SIDE_EFFECTS, and those listed in microservice.clients.*.idempotent-methods.
	 */
	public static class Retry {

		/**
		 * Attempts of an idempotent call, the first included; 1 turns retries off.
		 */
		private int maxAttempts = 3;

		/**
		 * Upper bound of the random delay before the first retry.
		 */
		private Duration initialBackoff = Duration.ofMillis(100);

		/**
		 * Upper bound of the delay before any retry.
		 */
		private Duration maxBackoff = Duration.ofSeconds(1);

		/**
		 * Growth of the delay bound from one retry to the next.
		 */
		private double backoffMultiplier = 2;

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getBackoffMultiplier() {
			return this.backoffMultiplier;
		}

		public void setBackoffMultiplier(double backoffMultiplier) {
			this.backoffMultiplier = backoffMultiplier;
		}

	}

	/**
	 * Keepalive pings, which find dead connections (a restarted pod, a dropped NAT entry) before a
	 * call does.
	 */
	public static class Keepalive {

		/**
		 * Idle time after which the client pings the connection; none when not set.
		 */
		private Duration time;

		/**
		 * How long the client waits for a ping's answer before it closes the connection.
		 */
		private Duration timeout = Duration.ofSeconds(20);

		/**
		 * Whether to ping connections that have no call in flight.
		 */
		private boolean withoutCalls;

		public Duration getTime() {
			return this.time;
		}

		public void setTime(Duration time) {
			this.time = time;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public boolean isWithoutCalls() {
			return this.withoutCalls;
		}

		public void setWithoutCalls(boolean withoutCalls) {
			this.withoutCalls = withoutCalls;
		}

	}

	/**
	 * Google ID tokens, from the metadata server every Google Cloud runtime (Cloud Run, GKE, Compute
	 * Engine) serves to its workloads.
	 */
	public static class IdTokens {

		/**
		 * The metadata server, host[:port], asked over HTTP. Defaults to the GCE_METADATA_HOST
		 * environment variable, as Google's client libraries read it, else
		 * metadata.google.internal.
		 */
		private String metadataHost;

		/**
		 * How long before its expiry a token is replaced: calls until then reuse it.
		 */
		private Duration refreshBefore = Duration.ofMinutes(5);

		/**
		 * How long a call waits for the metadata server's answer when it needs a new token.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		public String getMetadataHost() {
			return this.metadataHost;
		}

		public void setMetadataHost(String metadataHost) {
			this.metadataHost = metadataHost;
		}

		public Duration getRefreshBefore() {
			return this.refreshBefore;
		}

		public void setRefreshBefore(Duration refreshBefore) {
			this.refreshBefore = refreshBefore;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}

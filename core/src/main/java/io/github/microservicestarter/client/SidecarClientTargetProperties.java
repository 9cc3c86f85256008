package io.github.microservicestarter.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The target apps of the sidecar client, by app id: {@code microservice.clients.<app-id>.*}.
 */
@ConfigurationProperties("microservice")
public class SidecarClientTargetProperties {

	/**
	 * Settings of each target app, by its app id.
	 */
	private final Map<String, Target> clients = new LinkedHashMap<>();

	public Map<String, Target> getClients() {
		return this.clients;
	}

	/**
	 * One target app.
	 */
	public static class Target {

		/**
		 * Where the app listens, for direct mode: static://host:port[,host:port...],
		 * dns:///host:port, or https://host[:port] for TLS to one host (port 443 by default; a
		 * Cloud Run service's URL). Several addresses are balanced round robin.
		 */
		private String address;

		/**
		 * The app's namespace, for sidecar mode: calls carry dapr-app-id app-id.namespace.
		 */
		private String namespace;

		/**
		 * How calls reach this app; microservice.client.mode when not set.
		 */
		private ClientMode mode;

		/**
		 * Deadline of calls that have none of their own; microservice.client.deadline when not set.
		 */
		private Duration deadline;

		/**
		 * Methods retried on UNAVAILABLE besides those the proto declares idempotent: full method
		 * names (package.Service/Method), or a service name for all its methods.
		 */
		private List<String> idempotentMethods = new ArrayList<>();

		/**
		 * Compression of requests: gzip; microservice.client.compression when not set.
		 */
		private String compression;

		/**
		 * TLS of direct calls to this app.
		 */
		private final Tls tls = new Tls();

		/**
		 * A Google ID token on every direct call to this app, as Cloud Run's service-to-service
		 * authentication asks.
		 */
		private final IdToken idToken = new IdToken();

		public String getAddress() {
			return this.address;
		}

		public void setAddress(String address) {
			this.address = address;
		}

		public String getNamespace() {
			return this.namespace;
		}

		public void setNamespace(String namespace) {
			this.namespace = namespace;
		}

		public ClientMode getMode() {
			return this.mode;
		}

		public void setMode(ClientMode mode) {
			this.mode = mode;
		}

		public Duration getDeadline() {
			return this.deadline;
		}

		public void setDeadline(Duration deadline) {
			this.deadline = deadline;
		}

		public List<String> getIdempotentMethods() {
			return this.idempotentMethods;
		}

		public void setIdempotentMethods(List<String> idempotentMethods) {
			this.idempotentMethods = idempotentMethods;
		}

		public String getCompression() {
			return this.compression;
		}

		public void setCompression(String compression) {
			this.compression = compression;
		}

		public Tls getTls() {
			return this.tls;
		}

		public IdToken getIdToken() {
			return this.idToken;
		}

	}

	/**
	 * The TLS of a target's direct calls.
	 */
	public static class Tls {

		/**
		 * Whether direct calls to this app go over TLS, trusting the JDK's certificate
		 * authorities (its cacerts, or javax.net.ssl.trustStore) unless a bundle is named. An
		 * https:// address or a bundle implies it.
		 */
		private boolean enabled;

		/**
		 * Name of the Spring Boot SSL bundle whose trust store checks the app's certificate and
		 * whose key store, when it has one, is this client's certificate for an app that asks
		 * for one (mutual TLS). Reloaded with the bundle.
		 */
		private String bundle;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * The ID token of a target's direct calls.
	 */
	public static class IdToken {

		/**
		 * The audience of the Google ID token sent as "authorization: Bearer" on every direct
		 * call to this app, fetched from Google Cloud's metadata server: for Cloud Run, the
		 * called service's URL (https://user-service-123456789.europe-west1.run.app). No token
		 * when not set. Needs TLS to the app.
		 */
		private String audience;

		public String getAudience() {
			return this.audience;
		}

		public void setAudience(String audience) {
			this.audience = audience;
		}

	}

}

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
		 * Where the app listens, for direct mode: static://host:port[,host:port...] or
		 * dns:///host:port. Several addresses are balanced round robin.
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

	}

}

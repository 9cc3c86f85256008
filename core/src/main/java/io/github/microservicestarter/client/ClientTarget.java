package io.github.microservicestarter.client;

import java.time.Duration;
import java.util.List;

/**
 * A target app as the client calls it, resolved from configuration and the environment.
 *
 * @param appId the app id callers name it by
 * @param mode how calls reach it: {@link ClientMode#SIDECAR} or {@link ClientMode#DIRECT}
 * @param address the sidecar's endpoint in sidecar mode, the configured address in direct mode (an
 * https:// one as the DNS target it is called at)
 * @param modeSource why this mode: the property that set it, or the environment seen in auto mode
 * @param daprAppId the dapr-app-id of its calls: the app id, or app-id.namespace
 * @param deadline the deadline of calls that have none, or null
 * @param compression the compressor name of its requests, or null
 * @param idempotentMethods methods configured as idempotent: full method names or service names
 * @param tls whether direct calls go over TLS
 * @param tlsBundle the SSL bundle of the TLS to the app (direct) or to an https sidecar, or null for
 * the JDK's trust
 * @param idTokenAudience the audience of the ID token of direct calls, or null for none
 */
record ClientTarget(String appId, ClientMode mode, String address, String modeSource, String daprAppId,
		Duration deadline, String compression, List<String> idempotentMethods, boolean tls, String tlsBundle,
		String idTokenAudience) {

	/**
	 * Describes how calls reach the app, for logs and error messages.
	 * @return for example "through the sidecar at localhost:50001 as dapr-app-id 'users.prod'"
	 */
	String route() {
		if (this.mode == ClientMode.SIDECAR) {
			return "through the sidecar at %s as dapr-app-id '%s'".formatted(this.address, this.daprAppId);
		}
		return "direct to " + this.address + (this.tls ? " over TLS" : "");
	}

}

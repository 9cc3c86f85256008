package io.github.microservicestarter.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.microservicestarter.client.SidecarClientProperties.Keepalive;
import io.github.microservicestarter.client.SidecarClientProperties.Retry;
import io.github.microservicestarter.client.SidecarClientTargetProperties.Target;
import io.github.microservicestarter.server.InvalidAppSettingException;
import io.github.microservicestarter.tls.ClientTlsCredentials;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Resolves target apps and the sidecar's endpoint from {@code microservice.client.*},
 * {@code microservice.clients.*} and the Dapr environment variables, refusing settings that
 * cannot work with the property to fix.
 */
class ClientTargetResolver {

	private static final String DAPR_GRPC_ENDPOINT = "DAPR_GRPC_ENDPOINT";

	private static final String DAPR_GRPC_PORT = "DAPR_GRPC_PORT";

	private static final String HTTPS = "https://";

	private static final String SIDECAR_TLS_BUNDLE = "microservice.client.sidecar-tls-bundle";

	private static final int HTTPS_PORT = 443;

	private static final String DEADLINE_EXAMPLE = "e.g. 5s, or remove it for no deadline";

	/** The sidecar's gRPC port when DAPR_GRPC_PORT is not set, as in Dapr's SDKs. */
	private static final String DEFAULT_DAPR_GRPC_PORT = "50001";

	private final SidecarClientProperties defaults;

	private final SidecarClientTargetProperties targets;

	private final Environment environment;

	private final ClientTlsCredentials tlsCredentials;

	ClientTargetResolver(SidecarClientProperties defaults, SidecarClientTargetProperties targets,
			Environment environment, ClientTlsCredentials tlsCredentials) {
		this.defaults = defaults;
		this.targets = targets;
		this.environment = environment;
		this.tlsCredentials = tlsCredentials;
	}

	/**
	 * Resolves a target app.
	 * @param appId its app id
	 * @return the target
	 * @throws UnknownTargetAppException when its calls go direct and it has no address
	 * @throws InvalidAppSettingException when one of its settings cannot work
	 */
	ClientTarget resolve(String appId) {
		Target target = this.targets.getClients().getOrDefault(appId, new Target());
		ModeDecision decision = (target.getMode() != null && target.getMode() != ClientMode.AUTO)
				? new ModeDecision(target.getMode(), "microservice.clients." + appId + ".mode") : defaultMode();
		ClientMode mode = decision.mode();
		String modeSource = decision.source();
		String address = (mode == ClientMode.SIDECAR) ? sidecarEndpoint() : directAddress(appId, target, modeSource);
		boolean tls = false;
		String tlsBundle;
		if (mode == ClientMode.DIRECT) {
			tlsBundle = checkedBundle("microservice.clients." + appId + ".tls.bundle", target.getTls().getBundle());
			tls = target.getTls().isEnabled() || tlsBundle != null || isHttps(address);
			if (isHttps(address)) {
				address = httpsTarget(appId, address);
			}
		}
		else {
			tlsBundle = checkedBundle(SIDECAR_TLS_BUNDLE, this.defaults.getSidecarTlsBundle());
			if (tlsBundle != null && !isHttps(address)) {
				throw new InvalidAppSettingException(SIDECAR_TLS_BUNDLE, "it names the TLS of the sidecar's endpoint, "
						+ address + ", which is plaintext.", "Give the sidecar's endpoint as https://host:port"
								+ " (microservice.client.sidecar-endpoint or DAPR_GRPC_ENDPOINT), or remove "
								+ SIDECAR_TLS_BUNDLE + ".");
			}
		}
		String audience = idTokenAudience(appId, target, mode, tls, address);
		String daprAppId = StringUtils.hasText(target.getNamespace()) ? appId + "." + target.getNamespace() : appId;
		Duration deadline = (target.getDeadline() != null)
				? positive("microservice.clients." + appId + ".deadline", target.getDeadline(), DEADLINE_EXAMPLE)
				: this.defaults.getDeadline();
		String compression = StringUtils.hasText(target.getCompression())
				? compression("microservice.clients." + appId + ".compression", target.getCompression())
				: compression("microservice.client.compression", this.defaults.getCompression());
		return new ClientTarget(appId, mode, address, modeSource, daprAppId, deadline, compression,
				List.copyOf(target.getIdempotentMethods()), tls, tlsBundle, audience);
	}

	private String checkedBundle(String setting, String bundle) {
		if (!StringUtils.hasText(bundle)) {
			return null;
		}
		this.tlsCredentials.check(setting, bundle.trim());
		return bundle.trim();
	}

	/**
	 * Checks the settings all targets share, so that a mistake fails the start, not the first call
	 * to a target, whose connection is built then.
	 * @throws InvalidAppSettingException naming the first setting that cannot work
	 */
	void checkDefaults() {
		Retry retry = this.defaults.getRetry();
		if (retry.getMaxAttempts() < 1) {
			throw new InvalidAppSettingException("microservice.client.retry.max-attempts",
					retry.getMaxAttempts() + " attempts cannot make a call: the first attempt counts.",
					"Set microservice.client.retry.max-attempts to 1 to turn retries off, or more, e.g. 3.");
		}
		positive("microservice.client.retry.initial-backoff", retry.getInitialBackoff(), "e.g. 100ms");
		positive("microservice.client.retry.max-backoff", retry.getMaxBackoff(), "e.g. 1s");
		positive("microservice.client.max-reconnect-backoff", this.defaults.getMaxReconnectBackoff(), "e.g. 500ms");
		if (!(retry.getBackoffMultiplier() > 0)) {
			throw new InvalidAppSettingException("microservice.client.retry.backoff-multiplier",
					retry.getBackoffMultiplier() + " is not a growth factor of the delays: it must be above zero.",
					"Set microservice.client.retry.backoff-multiplier above zero, e.g. 2 (1 keeps every delay the"
							+ " same).");
		}
		if (this.defaults.getDeadline() != null) {
			positive("microservice.client.deadline", this.defaults.getDeadline(), DEADLINE_EXAMPLE);
		}
		Keepalive keepalive = this.defaults.getKeepalive();
		if (keepalive.getTime() != null) {
			positive("microservice.client.keepalive.time", keepalive.getTime(),
					"e.g. 30s, or remove it to send no pings");
			positive("microservice.client.keepalive.timeout", keepalive.getTimeout(), "e.g. 20s");
		}
	}

	/**
	 * The mode of targets that set none: {@code microservice.client.mode}, or in auto mode what
	 * the Dapr environment variables say.
	 * @return the mode, never {@link ClientMode#AUTO}, and why
	 */
	ModeDecision defaultMode() {
		if (this.defaults.getMode() != ClientMode.AUTO) {
			return new ModeDecision(this.defaults.getMode(), "microservice.client.mode");
		}
		String daprVariable = daprVariable();
		return (daprVariable != null) ? new ModeDecision(ClientMode.SIDECAR, "mode auto: " + daprVariable + " is set")
				: new ModeDecision(ClientMode.DIRECT,
						"mode auto: neither " + DAPR_GRPC_ENDPOINT + " nor " + DAPR_GRPC_PORT + " is set");
	}

	/**
	 * The app ids configured under {@code microservice.clients}.
	 * @return the app ids
	 */
	Iterable<String> configuredAppIds() {
		return this.targets.getClients().keySet();
	}

	/**
	 * The sidecar's endpoint, as configured or as the Dapr environment variables give it.
	 * @return host:port, http://host:port or https://host:port
	 */
	String sidecarEndpoint() {
		if (StringUtils.hasText(this.defaults.getSidecarEndpoint())) {
			return this.defaults.getSidecarEndpoint();
		}
		String endpoint = this.environment.getProperty(DAPR_GRPC_ENDPOINT);
		if (StringUtils.hasText(endpoint)) {
			return endpoint;
		}
		return "localhost:" + this.environment.getProperty(DAPR_GRPC_PORT, DEFAULT_DAPR_GRPC_PORT);
	}

	/**
	 * The token for the sidecar, as configured or from DAPR_API_TOKEN.
	 * @return the token, or null for none
	 */
	String apiToken() {
		if (StringUtils.hasText(this.defaults.getApiToken())) {
			return this.defaults.getApiToken();
		}
		String token = this.environment.getProperty("DAPR_API_TOKEN");
		return StringUtils.hasText(token) ? token : null;
	}

	private String daprVariable() {
		for (String variable : new String[] { DAPR_GRPC_ENDPOINT, DAPR_GRPC_PORT }) {
			if (StringUtils.hasText(this.environment.getProperty(variable))) {
				return variable;
			}
		}
		return null;
	}

	private static String directAddress(String appId, Target target, String modeSource) {
		String address = target.getAddress();
		if (!StringUtils.hasText(address)) {
			throw new UnknownTargetAppException(appId, modeSource);
		}
		address = address.trim();
		if (StaticNameResolver.isStatic(address)) {
			try {
				StaticNameResolver.parse(address);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidAppSettingException(UnknownTargetAppException.addressProperty(appId),
						"'%s' is not a static address list: %s.".formatted(address, ex.getMessage()),
						"Write the addresses as static://host:port, several separated by commas:"
								+ " static://10.0.0.1:50051,10.0.0.2:50051.");
			}
		}
		return address;
	}

	private static boolean isHttps(String address) {
		return address.regionMatches(true, 0, HTTPS, 0, HTTPS.length());
	}

	/**
	 * The channel target of an https:// address: DNS, port 443 unless it names one.
	 */
	private static String httpsTarget(String appId, String address) {
		URI uri;
		try {
			uri = new URI(address);
		}
		catch (URISyntaxException ex) {
			uri = null;
		}
		if (uri == null || uri.getHost() == null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()
				|| uri.getRawPath().equals("/")) || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
			throw new InvalidAppSettingException(UnknownTargetAppException.addressProperty(appId),
					"'%s' is not an https:// address of a host: it takes a host and a port, nothing else."
						.formatted(address),
					"Write it as https://host or https://host:port, such as a Cloud Run service's URL"
							+ " https://user-service-123456789.europe-west1.run.app.");
		}
		return "dns:///%s:%d".formatted(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : HTTPS_PORT);
	}

	/**
	 * The audience of the target's ID tokens, which only travel encrypted and only straight to it:
	 * through a sidecar, the sidecar authenticates the call.
	 */
	private static String idTokenAudience(String appId, Target target, ClientMode mode, boolean tls,
			String address) {
		String audience = target.getIdToken().getAudience();
		if (!StringUtils.hasText(audience) || mode != ClientMode.DIRECT) {
			return null;
		}
		if (!tls) {
			String property = "microservice.clients." + appId + ".id-token.audience";
			throw new InvalidAppSettingException(property,
					("Calls to app '%s' would carry an ID token in plaintext to %s: anyone on the way could read it"
							+ " and call as this app.").formatted(appId, address),
					("Call '%s' over TLS: give microservice.clients.%s.address as https://host (a Cloud Run service's"
							+ " URL) or set microservice.clients.%s.tls.enabled=true; or remove %s.").formatted(appId, appId,
									appId, property));
		}
		return audience.trim();
	}

	private static Duration positive(String property, Duration value, String example) {
		if (value == null || value.isNegative() || value.isZero()) {
			String shown = (value != null) ? DurationStyle.SIMPLE.print(value) : "nothing";
			throw new InvalidAppSettingException(property, shown + " is not a duration above zero.",
					"Set %s to a duration above zero, %s.".formatted(property, example));
		}
		return value;
	}

	private static String compression(String property, String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		String normalized = value.trim().toLowerCase(Locale.ROOT);
		if (normalized.equals("gzip")) {
			return normalized;
		}
		if (normalized.equals("none") || normalized.equals("identity")) {
			return null;
		}
		throw new InvalidAppSettingException(property, "'" + value + "' is not a compression gRPC knows.",
				"Set " + property + " to gzip, or remove it to send requests uncompressed.");
	}

}

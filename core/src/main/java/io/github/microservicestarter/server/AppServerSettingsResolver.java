package io.github.microservicestarter.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;

/**
 * Resolves the server's {@link AppServerSettings} and refuses, with the setting to fix, any that
 * cannot work.
 * <p>
 * The port comes from the first of: {@code microservice.app-port}, the server library's own port
 * property ({@code grpc.server.port}, net.devh's on Boot 3, or {@code spring.grpc.server.port},
 * Spring Boot's on Boot 4), the {@code PORT} environment variable (Cloud Run), the
 * {@code APP_PORT} environment variable (set by the Dapr CLI), and 50051.
 */
public class AppServerSettingsResolver {

	/** Dapr app protocols that this starter does not serve: it serves gRPC only. */
	private static final Set<String> DAPR_NON_GRPC_PROTOCOLS = Set.of("http", "https", "h2c");

	private static final String PROTOCOL = "microservice.app-protocol";

	private final Environment environment;

	public AppServerSettingsResolver(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Resolves the settings.
	 * @param properties the app's properties
	 * @return the checked settings
	 * @throws InvalidAppSettingException when a setting cannot work
	 */
	public AppServerSettings resolve(AppProperties properties) {
		AppProtocol protocol = protocol(properties.getAppProtocol());
		Resource certificate = null;
		Resource privateKey = null;
		if (protocol == AppProtocol.GRPCS) {
			certificate = readable(TlsFiles.CERTIFICATE, properties.getTls().getCertificate());
			privateKey = readable(TlsFiles.PRIVATE_KEY, properties.getTls().getPrivateKey());
			TlsFiles.check(certificate, privateKey);
		}
		PortChoice port = port(properties.getAppPort());
		return new AppServerSettings(appId(properties), port.port(), port.source(), protocol, certificate, privateKey);
	}

	/**
	 * Resolves the port alone, from the environment, for reports after the server failed.
	 * @return the port and where it came from
	 */
	PortChoice resolvePort() {
		return port(this.environment.getProperty("microservice.app-port", Integer.class));
	}

	private String appId(AppProperties properties) {
		if (StringUtils.hasText(properties.getAppId())) {
			return properties.getAppId();
		}
		return this.environment.getProperty("spring.application.name",
				this.environment.getProperty("APP_ID", "application"));
	}

	private static AppProtocol protocol(String value) {
		String normalized = (value != null) ? value.trim().toLowerCase(Locale.ROOT) : "";
		for (AppProtocol protocol : AppProtocol.values()) {
			if (protocol.value().equals(normalized)) {
				return protocol;
			}
		}
		String valid = "Set " + PROTOCOL + " to grpc (plaintext HTTP/2) or grpcs (TLS, with " + TlsFiles.CERTIFICATE
				+ " and " + TlsFiles.PRIVATE_KEY + ").";
		if (DAPR_NON_GRPC_PROTOCOLS.contains(normalized)) {
			throw new InvalidAppSettingException(PROTOCOL, "'" + value + "' is a Dapr app protocol that this starter"
					+ " does not serve: it serves gRPC only (Dapr's grpc and grpcs).", valid
							+ " Run the sidecar with --app-protocol grpc (or the dapr.io/app-protocol: \"grpc\" annotation).");
		}
		throw new InvalidAppSettingException(PROTOCOL, "'" + value + "' is not a protocol; the known ones are "
				+ Arrays.stream(AppProtocol.values()).map(AppProtocol::value).toList() + ".", valid);
	}

	private static Resource readable(String property, Resource resource) {
		if (resource == null) {
			throw new InvalidAppSettingException(property, PROTOCOL + " is grpcs, which needs a PEM file here, and"
					+ " none is set.", "Set " + property + " to the PEM file (for example file:/etc/tls/tls.crt), or set "
							+ PROTOCOL + " to grpc to serve plaintext.");
		}
		if (!resource.isReadable()) {
			throw new InvalidAppSettingException(property, "cannot read " + resource.getDescription() + ".",
					"Check that the file exists and that this process may read it, or point " + property
							+ " at another file.");
		}
		return resource;
	}

	private PortChoice port(Integer appPort) {
		if (appPort != null) {
			return new PortChoice(checkRange("microservice.app-port", appPort), "microservice.app-port");
		}
		String grpcServerPort = this.environment.getProperty("grpc.server.port");
		if (grpcServerPort != null) {
			int port = parse("grpc.server.port", grpcServerPort);
			// -1 is net.devh's switch for "no network server" (in-process only): keep it.
			return new PortChoice((port == -1) ? port : checkRange("grpc.server.port", port), "grpc.server.port");
		}
		String springGrpcServerPort = this.environment.getProperty("spring.grpc.server.port");
		if (springGrpcServerPort != null) {
			return new PortChoice(checkRange("spring.grpc.server.port", parse("spring.grpc.server.port",
					springGrpcServerPort)), "spring.grpc.server.port");
		}
		for (String variable : new String[] { "PORT", "APP_PORT" }) {
			String value = this.environment.getProperty(variable);
			if (StringUtils.hasText(value)) {
				String setting = "the " + variable + " environment variable";
				return new PortChoice(checkRange(setting, parse(setting, value)), setting);
			}
		}
		return new PortChoice(AppServerSettings.DEFAULT_PORT, "the default");
	}

	private static int parse(String setting, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidAppSettingException(setting, "'" + value + "' is not a port number.", portAction(setting));
		}
	}

	private static int checkRange(String setting, int port) {
		if (port < 0 || port > 65535) {
			throw new InvalidAppSettingException(setting, port + " is outside the port range 0-65535.",
					portAction(setting));
		}
		return port;
	}

	private static String portAction(String setting) {
		String action = "Set " + setting + " to a port from 1 to 65535, or to 0 to listen on a free port chosen at"
				+ " startup.";
		if (!setting.equals("microservice.app-port")) {
			action += " microservice.app-port, when set, takes precedence over it.";
		}
		return action;
	}

	/**
	 * A port and where it came from.
	 * @param port the port
	 * @param source the property or environment variable that set it, or "the default"
	 */
	record PortChoice(int port, String source) {
	}

}

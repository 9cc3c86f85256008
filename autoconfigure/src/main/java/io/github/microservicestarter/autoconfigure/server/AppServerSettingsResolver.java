package io.github.microservicestarter.autoconfigure.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;

/**
 * Resolves the server's {@link AppServerSettings} and refuses, with the property to fix, any that
 * cannot work.
 * <p>
 * The port comes from the first of: {@code microservice.app-port}, {@code grpc.server.port}, the
 * {@code PORT} environment variable (Cloud Run), the {@code APP_PORT} environment variable (set by
 * the Dapr CLI), and 50051.
 */
public class AppServerSettingsResolver {

	/** Dapr app protocols that this starter does not serve: it serves gRPC only. */
	private static final Set<String> DAPR_NON_GRPC_PROTOCOLS = Set.of("http", "https", "h2c");

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
			certificate = readable("microservice.tls.certificate", properties.getTls().getCertificate());
			privateKey = readable("microservice.tls.private-key", properties.getTls().getPrivateKey());
			TlsFiles.check(certificate, privateKey);
		}
		PortChoice port = port(properties.getAppPort());
		return new AppServerSettings(appId(properties), port.port(), port.source(), protocol, certificate, privateKey);
	}

	private String appId(AppProperties properties) {
		if (StringUtils.hasText(properties.getAppId())) {
			return properties.getAppId();
		}
		return this.environment.getProperty("spring.application.name",
				this.environment.getProperty("APP_ID", "application"));
	}

	private static AppProtocol protocol(String value) {
		String property = "microservice.app-protocol";
		String normalized = (value != null) ? value.trim().toLowerCase(Locale.ROOT) : "";
		for (AppProtocol protocol : AppProtocol.values()) {
			if (protocol.value().equals(normalized)) {
				return protocol;
			}
		}
		String valid = "Set " + property + " to grpc (plaintext HTTP/2) or grpcs (TLS, with microservice.tls.certificate"
				+ " and microservice.tls.private-key).";
		if (DAPR_NON_GRPC_PROTOCOLS.contains(normalized)) {
			throw new InvalidAppSettingException(property, "'" + value + "' is a Dapr app protocol that this starter"
					+ " does not serve: it serves gRPC only (Dapr's grpc and grpcs).",
					valid + " Run the sidecar with --app-protocol grpc (or the dapr.io/app-protocol: \"grpc\" annotation).");
		}
		throw new InvalidAppSettingException(property, "'" + value + "' is not a protocol; the known ones are "
				+ Arrays.stream(AppProtocol.values()).map(AppProtocol::value).toList() + ".", valid);
	}

	private static Resource readable(String property, Resource resource) {
		if (resource == null) {
			throw new InvalidAppSettingException(property, "microservice.app-protocol is grpcs, which needs a PEM file"
					+ " here, and none is set.", "Set " + property + " to the PEM file (for example"
					+ " file:/etc/tls/tls.crt), or set microservice.app-protocol to grpc to serve plaintext.");
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
		for (String variable : new String[] { "PORT", "APP_PORT" }) {
			String value = this.environment.getProperty(variable);
			if (StringUtils.hasText(value)) {
				String name = variable + " (environment variable)";
				return new PortChoice(checkRange(name, parse(name, value)), variable);
			}
		}
		return new PortChoice(AppServerSettings.DEFAULT_PORT, "default");
	}

	private static int parse(String name, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidAppSettingException(name, "'" + value + "' is not a port number.", portAction(name));
		}
	}

	private static int checkRange(String name, int port) {
		if (port < 0 || port > 65535) {
			throw new InvalidAppSettingException(name, port + " is outside the port range 0-65535.", portAction(name));
		}
		return port;
	}

	private static String portAction(String name) {
		return "Set " + name + " to a port from 1 to 65535, or to 0 to listen on a free port chosen at startup.";
	}

	private record PortChoice(int port, String source) {
	}

}

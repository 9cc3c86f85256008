package io.github.microservicestarter.server;

import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Moves the HTTP server (the actuator's) to 8081 when the gRPC server takes 8080, Spring Boot's
 * HTTP default, and {@code server.port} is not set: Cloud Run hands every container
 * {@code PORT=8080}, which the gRPC server serves on, and the two servers cannot share it.
 */
public class HttpPortDefault implements EnvironmentPostProcessor {

	/** Spring Boot's default port of its HTTP server, and Cloud Run's default PORT. */
	static final int SHARED_DEFAULT = 8080;

	/** Where the HTTP server goes instead. */
	static final int MOVED_TO = 8081;

	private final Log logger;

	public HttpPortDefault(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(HttpPortDefault.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("server.port")) {
			return;
		}
		AppServerSettingsResolver.PortChoice grpcPort;
		try {
			grpcPort = new AppServerSettingsResolver(environment).resolvePort();
		}
		catch (RuntimeException ex) {
			// A port that cannot work is reported, with the setting to fix, when the server starts.
			return;
		}
		if (grpcPort.port() == SHARED_DEFAULT) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("microservice-http-port", Map.of("server.port", MOVED_TO)));
			this.logger.info("The HTTP server (actuator) listens on port %d: the gRPC server takes %d (from %s)"
				.formatted(MOVED_TO, SHARED_DEFAULT, grpcPort.source()));
		}
	}

}

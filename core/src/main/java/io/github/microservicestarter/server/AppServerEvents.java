package io.github.microservicestarter.server;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * What the starter does when the gRPC server has started and when it has stopped, whichever
 * library runs it: each Spring Boot line's autoconfigure module calls this from its server's
 * events.
 */
public class AppServerEvents {

	private static final Log logger = LogFactory.getLog(AppServerEvents.class);

	private static final String PROPERTY_SOURCE_NAME = "microservice.app-ports";

	/** Closing sockets and cancelling calls takes milliseconds: this only bounds a stuck transport. */
	private static final long TERMINATION_TIMEOUT_SECONDS = 5;

	private final AppServerSettings settings;

	private final ConfigurableEnvironment environment;

	/**
	 * Creates the handler.
	 * @param settings the server's settings, for the log line
	 * @param environment where the port is published
	 */
	public AppServerEvents(AppServerSettings settings, ConfigurableEnvironment environment) {
		this.settings = settings;
		this.environment = environment;
	}

	/**
	 * The server listens: logs where, and publishes the port as {@link LocalAppPort#PROPERTY} (the
	 * way Spring Boot publishes {@code local.server.port}), so that port 0 can be found.
	 * @param port the port it listens on; a negative one (an in-process server) is ignored, so that
	 * it does not hide the network server's
	 */
	public void started(int port) {
		if (port < 0) {
			return;
		}
		logger.info("App '%s' serves %s on port %d (from %s)".formatted(this.settings.appId(),
				this.settings.protocol().value(), port, this.settings.portSource()));
		MutablePropertySources sources = this.environment.getPropertySources();
		sources.remove(PROPERTY_SOURCE_NAME);
		sources.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(LocalAppPort.PROPERTY, port)));
	}

	/**
	 * The server was stopped, forcibly after the grace period: waits, briefly, for it to let go of
	 * its calls. gRPC tells the calls it cancels on the server's executor; without this wait the
	 * context shuts that executor down first, and handlers never learn that their call is
	 * cancelled.
	 * @param server the stopped server
	 */
	public void terminated(Server server) {
		try {
			server.awaitTermination(TERMINATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

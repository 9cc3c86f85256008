package io.github.microservicestarter.autoconfigure.netdevh;

import java.util.Map;

import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.microservicestarter.autoconfigure.server.AppServerSettings;
import io.github.microservicestarter.autoconfigure.server.LocalAppPort;

import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Once the server listens: logs where, and publishes the port as {@link LocalAppPort#PROPERTY}
 * (the way Spring Boot publishes {@code local.server.port}), so that port 0 can be found.
 */
class ServerStartedListener implements ApplicationListener<GrpcServerStartedEvent> {

	private static final Log logger = LogFactory.getLog(ServerStartedListener.class);

	private static final String PROPERTY_SOURCE_NAME = "microservice.app-ports";

	private final AppServerSettings settings;

	private final ConfigurableEnvironment environment;

	ServerStartedListener(AppServerSettings settings, ConfigurableEnvironment environment) {
		this.settings = settings;
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(GrpcServerStartedEvent event) {
		int port = event.getServer().getPort();
		if (port < 0) {
			// An in-process server: it has no port, and must not hide the network server's.
			return;
		}
		logger.info("App '%s' serves %s on port %d (from %s)".formatted(this.settings.appId(),
				this.settings.protocol().value(), port, this.settings.portSource()));
		MutablePropertySources sources = this.environment.getPropertySources();
		sources.remove(PROPERTY_SOURCE_NAME);
		sources.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(LocalAppPort.PROPERTY, port)));
	}

}

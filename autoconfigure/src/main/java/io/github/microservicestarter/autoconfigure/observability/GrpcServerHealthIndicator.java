package io.github.microservicestarter.autoconfigure.observability;

import io.grpc.ServiceDescriptor;

import io.github.microservicestarter.autoconfigure.server.AppServerSettings;
import io.github.microservicestarter.autoconfigure.server.LocalAppPort;
import io.github.microservicestarter.autoconfigure.server.ServedServices;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.core.env.Environment;

/**
 * The gRPC server in the actuator's health: UP once it listens, with its port, protocol and
 * services.
 */
class GrpcServerHealthIndicator extends AbstractHealthIndicator {

	private final AppServerSettings settings;

	private final ServedServices services;

	private final Environment environment;

	GrpcServerHealthIndicator(AppServerSettings settings, ServedServices services, Environment environment) {
		super("The gRPC server's health could not be checked");
		this.settings = settings;
		this.services = services;
		this.environment = environment;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Integer port = this.environment.getProperty(LocalAppPort.PROPERTY, Integer.class);
		if (port != null) {
			builder.up().withDetail("port", port);
		}
		else {
			builder.down().withDetail("port", "not listening yet (configured: " + this.settings.port() + ")");
		}
		builder.withDetail("appId", this.settings.appId())
			.withDetail("protocol", this.settings.protocol().value())
			.withDetail("services", this.services.services().stream().map(ServiceDescriptor::getName).toList());
	}

}

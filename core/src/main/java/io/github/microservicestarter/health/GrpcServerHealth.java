package io.github.microservicestarter.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.grpc.ServiceDescriptor;

import io.github.microservicestarter.server.AppServerSettings;
import io.github.microservicestarter.server.LocalAppPort;
import io.github.microservicestarter.server.ServedServices;

import org.springframework.core.env.Environment;

/**
 * The gRPC server in the actuator's health ({@code grpcServer}): UP once it listens, with its
 * port, protocol and services.
 */
public class GrpcServerHealth implements ComponentHealthCheck {

	private final AppServerSettings settings;

	private final ServedServices services;

	private final Environment environment;

	/**
	 * Creates the component.
	 * @param settings the server's settings
	 * @param services the services it serves
	 * @param environment where the port it listens on appears once it listens
	 */
	public GrpcServerHealth(AppServerSettings settings, ServedServices services, Environment environment) {
		this.settings = settings;
		this.services = services;
		this.environment = environment;
	}

	@Override
	public String componentName() {
		return "grpcServer";
	}

	@Override
	public ComponentHealth check() {
		Map<String, Object> details = new LinkedHashMap<>();
		Integer port = this.environment.getProperty(LocalAppPort.PROPERTY, Integer.class);
		details.put("port", (port != null) ? port : "not listening yet (configured: " + this.settings.port() + ")");
		details.put("appId", this.settings.appId());
		details.put("protocol", this.settings.protocol().value());
		details.put("services", this.services.services().stream().map(ServiceDescriptor::getName).toList());
		return new ComponentHealth((port != null) ? ComponentHealth.UP : ComponentHealth.DOWN, null, details);
	}

}

package io.github.microservicestarter.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;

import io.github.microservicestarter.server.AppServerSettings;
import io.github.microservicestarter.server.LocalAppPort;
import io.github.microservicestarter.server.ServedServices;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.core.env.Environment;

/**
 * {@code /actuator/grpc}: what a person debugging a deployment asks first. The app id, the
 * protocol and port served, every service with its methods and their streaming kind, then the
 * sections of {@link GrpcEndpointContributor} beans.
 */
@Endpoint(id = "grpc")
public class GrpcEndpoint {

	private final AppServerSettings settings;

	private final ServedServices services;

	private final Environment environment;

	private final List<GrpcEndpointContributor> contributors;

	public GrpcEndpoint(AppServerSettings settings, ServedServices services, Environment environment,
			List<GrpcEndpointContributor> contributors) {
		this.settings = settings;
		this.services = services;
		this.environment = environment;
		this.contributors = contributors;
	}

	/**
	 * Describes the app's gRPC server and the contributed sections.
	 * @return the description, as JSON
	 */
	@ReadOperation
	public Map<String, Object> grpc() {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("appId", this.settings.appId());
		description.put("protocol", this.settings.protocol().value());
		description.put("port", this.environment.getProperty(LocalAppPort.PROPERTY, Integer.class,
				this.settings.port()));
		description.put("services", this.services.services().stream().map(Service::of).toList());
		for (GrpcEndpointContributor contributor : this.contributors) {
			description.put(contributor.name(), contributor.describe());
		}
		return description;
	}

	/**
	 * A service and its methods.
	 * @param name the full service name, as in {@code /package.Service/Method}
	 * @param methods its methods
	 */
	public record Service(String name, List<Method> methods) {

		static Service of(ServiceDescriptor descriptor) {
			return new Service(descriptor.getName(), descriptor.getMethods().stream().map(Method::of).toList());
		}

	}

	/**
	 * A method and its streaming kind.
	 * @param name the method's name within its service
	 * @param type UNARY, CLIENT_STREAMING, SERVER_STREAMING or BIDI_STREAMING
	 */
	public record Method(String name, MethodDescriptor.MethodType type) {

		static Method of(MethodDescriptor<?, ?> descriptor) {
			return new Method(descriptor.getBareMethodName(), descriptor.getType());
		}

	}

}

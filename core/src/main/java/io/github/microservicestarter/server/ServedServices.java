package io.github.microservicestarter.server;

import java.util.List;

import io.grpc.ServiceDescriptor;

/**
 * The services the app's gRPC server serves, for health checks and for people debugging a
 * deployment. Package netdevh implements it from the services net.devh's starter serves.
 */
@FunctionalInterface
public interface ServedServices {

	/**
	 * The services, with their methods.
	 * @return the descriptors of every service the server serves, sorted by name
	 */
	List<ServiceDescriptor> services();

}

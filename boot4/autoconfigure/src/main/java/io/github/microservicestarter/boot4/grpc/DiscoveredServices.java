package io.github.microservicestarter.boot4.grpc;

import java.util.Comparator;
import java.util.List;

import io.grpc.ServiceDescriptor;

import io.github.microservicestarter.server.ServedServices;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.grpc.server.service.GrpcServiceDiscoverer;
import org.springframework.util.function.SingletonSupplier;

/**
 * The services Spring gRPC's discoverer finds, the ones its server serves, looked up once.
 */
public class DiscoveredServices implements ServedServices {

	private final SingletonSupplier<List<ServiceDescriptor>> services;

	/**
	 * Creates the view.
	 * @param discoverer the server's discoverer
	 */
	public DiscoveredServices(ObjectProvider<GrpcServiceDiscoverer> discoverer) {
		this.services = SingletonSupplier.of(() -> discoverer.getObject()
			.findServices()
			.stream()
			.map((spec) -> spec.service().bindService().getServiceDescriptor())
			.sorted(Comparator.comparing(ServiceDescriptor::getName))
			.toList());
	}

	@Override
	public List<ServiceDescriptor> services() {
		return this.services.obtain();
	}

}

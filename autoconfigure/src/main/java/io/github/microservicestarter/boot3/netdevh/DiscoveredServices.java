package io.github.microservicestarter.boot3.netdevh;

import java.util.Comparator;
import java.util.List;

import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import net.devh.boot.grpc.server.service.GrpcServiceDefinition;
import net.devh.boot.grpc.server.service.GrpcServiceDiscoverer;

import io.github.microservicestarter.server.ServedServices;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * The services net.devh's discoverer finds, the ones its server serves. Our discoverer binds them
 * once for the server and this view; another one may bind them on each lookup, so this looks up once.
 */
class DiscoveredServices implements ServedServices {

	private final SingletonSupplier<List<ServiceDescriptor>> services;

	DiscoveredServices(ObjectProvider<GrpcServiceDiscoverer> discoverer) {
		this.services = SingletonSupplier.of(() -> discoverer.getObject()
			.findGrpcServices()
			.stream()
			.map(GrpcServiceDefinition::getDefinition)
			.map(ServerServiceDefinition::getServiceDescriptor)
			.sorted(Comparator.comparing(ServiceDescriptor::getName))
			.toList());
	}

	@Override
	public List<ServiceDescriptor> services() {
		return this.services.obtain();
	}

}

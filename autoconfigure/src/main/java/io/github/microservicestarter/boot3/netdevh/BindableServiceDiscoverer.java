package io.github.microservicestarter.boot3.netdevh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorRegistry;
import net.devh.boot.grpc.server.service.AnnotationGrpcServiceDiscoverer;
import net.devh.boot.grpc.server.service.GrpcService;
import net.devh.boot.grpc.server.service.GrpcServiceDefinition;

import io.github.microservicestarter.errors.MalformedRequests;

import org.springframework.context.ApplicationContext;
import org.springframework.util.function.SingletonSupplier;

/**
 * Serves every {@link BindableService} bean, as Spring gRPC does: net.devh's {@link GrpcService}
 * beans as net.devh binds them, and all others with the global interceptors; every one reads its
 * requests through {@link MalformedRequests}. The starter's own services are plain beans, so they
 * need no net.devh type.
 */
public class BindableServiceDiscoverer extends AnnotationGrpcServiceDiscoverer {

	private final SingletonSupplier<List<GrpcServiceDefinition>> services = SingletonSupplier.of(this::bindServices);

	private ApplicationContext context;

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		super.setApplicationContext(applicationContext);
		this.context = applicationContext;
	}

	/**
	 * The services, bound once: the server and {@link DiscoveredServices} both ask, and binding
	 * again would build every service's interceptor chain again.
	 */
	@Override
	public Collection<GrpcServiceDefinition> findGrpcServices() {
		return this.services.obtain();
	}

	private List<GrpcServiceDefinition> bindServices() {
		List<GrpcServiceDefinition> definitions = new ArrayList<>();
		for (GrpcServiceDefinition annotatedService : super.findGrpcServices()) {
			definitions.add(new GrpcServiceDefinition(annotatedService.getBeanName(), annotatedService.getBeanClazz(),
					MalformedRequests.tolerate(annotatedService.getDefinition())));
		}
		Set<String> annotated = Set.of(this.context.getBeanNamesForAnnotation(GrpcService.class));
		GlobalServerInterceptorRegistry interceptors = this.context.getBean(GlobalServerInterceptorRegistry.class);
		for (String name : this.context.getBeanNamesForType(BindableService.class)) {
			if (annotated.contains(name)) {
				continue;
			}
			BindableService service = this.context.getBean(name, BindableService.class);
			ServerServiceDefinition definition = ServerInterceptors.interceptForward(service.bindService(),
					interceptors.getServerInterceptors());
			definitions.add(new GrpcServiceDefinition(name, service.getClass(), MalformedRequests.tolerate(definition)));
		}
		return List.copyOf(definitions);
	}

}

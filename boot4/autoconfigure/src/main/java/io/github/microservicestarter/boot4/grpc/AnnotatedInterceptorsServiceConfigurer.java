package io.github.microservicestarter.boot4.grpc;

import java.util.List;
import java.util.function.Supplier;

import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;

import io.github.microservicestarter.errors.MalformedRequests;
import io.github.microservicestarter.server.GlobalServerInterceptor;
import io.github.microservicestarter.server.AnnotatedBeans;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.service.GrpcServiceConfigurer;
import org.springframework.grpc.server.service.GrpcServiceSpec;
import org.springframework.util.function.SingletonSupplier;

/**
 * Binds each service as Spring gRPC does, then wraps it in the {@link ServerInterceptor} beans
 * marked with the starter's {@link GlobalServerInterceptor}, ordered by {@code @Order}, the first
 * outermost. Spring gRPC's own global and per-service interceptors run inside them. Requests are
 * read through {@link MalformedRequests}.
 */
public class AnnotatedInterceptorsServiceConfigurer implements GrpcServiceConfigurer {

	private final GrpcServiceConfigurer delegate;

	private final Supplier<List<ServerInterceptor>> interceptors;

	/**
	 * Creates the configurer.
	 * @param delegate Spring gRPC's configurer
	 * @param beanFactory where the annotated interceptors are
	 */
	public AnnotatedInterceptorsServiceConfigurer(GrpcServiceConfigurer delegate, ListableBeanFactory beanFactory) {
		this.delegate = delegate;
		this.interceptors = SingletonSupplier
			.of(() -> AnnotatedBeans.ordered(beanFactory, ServerInterceptor.class, GlobalServerInterceptor.class));
	}

	@Override
	public ServerServiceDefinition configure(GrpcServiceSpec serviceSpec, GrpcServerFactory serverFactory) {
		return ServerInterceptors.interceptForward(
				MalformedRequests.tolerate(this.delegate.configure(serviceSpec, serverFactory)), this.interceptors.get());
	}

}

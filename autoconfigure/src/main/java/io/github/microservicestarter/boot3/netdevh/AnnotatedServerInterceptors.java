package io.github.microservicestarter.boot3.netdevh;

import java.util.List;

import io.grpc.ServerInterceptor;
import net.devh.boot.grpc.server.interceptor.GlobalServerInterceptorConfigurer;

import io.github.microservicestarter.server.GlobalServerInterceptor;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Hands net.devh the {@link ServerInterceptor} beans marked {@link GlobalServerInterceptor}; it
 * sorts them by {@code @Order} with the rest.
 */
public class AnnotatedServerInterceptors implements GlobalServerInterceptorConfigurer {

	private final ListableBeanFactory beanFactory;

	public AnnotatedServerInterceptors(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void configureServerInterceptors(List<ServerInterceptor> interceptors) {
		for (String name : this.beanFactory.getBeanNamesForAnnotation(GlobalServerInterceptor.class)) {
			interceptors.add(this.beanFactory.getBean(name, ServerInterceptor.class));
		}
	}

}

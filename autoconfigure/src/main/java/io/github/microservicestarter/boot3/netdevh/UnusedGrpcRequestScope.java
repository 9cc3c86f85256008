package io.github.microservicestarter.boot3.netdevh;

import net.devh.boot.grpc.server.scope.GrpcRequestScope;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Leaves net.devh's {@code grpcRequest} bean scope out of an app that declares no bean in it. Its
 * interceptor runs on every call whether or not a bean uses the scope: a bean container, a context
 * and a cancellation listener per call, 11 to 12 of the 35 objects the untraced served chain
 * allocates (BENCHMARKS.md, comparison 9), for a scope the starter never uses. An app with a
 * {@code @Scope("grpcRequest")} bean keeps the scope as net.devh made it.
 */
public class UnusedGrpcRequestScope implements BeanDefinitionRegistryPostProcessor {

	/** The name of net.devh's bean, {@code GrpcServerAutoConfiguration.grpcRequestScope()}. */
	static final String BEAN_NAME = "grpcRequestScope";

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (!registry.containsBeanDefinition(BEAN_NAME)) {
			return;
		}
		for (String name : registry.getBeanDefinitionNames()) {
			if (GrpcRequestScope.GRPC_REQUEST_SCOPE_NAME.equals(registry.getBeanDefinition(name).getScope())) {
				return;
			}
		}
		registry.removeBeanDefinition(BEAN_NAME);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

}

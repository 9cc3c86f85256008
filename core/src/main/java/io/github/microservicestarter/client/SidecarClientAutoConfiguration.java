package io.github.microservicestarter.client;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;

import io.github.microservicestarter.server.AppServerAutoConfiguration;
import io.github.microservicestarter.server.AppServerProperties;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * The sidecar client: {@link SidecarClient} injection, {@link SidecarChannels} and the
 * {@link SidecarClientTargets} view, on grpc-java alone.
 */
@AutoConfiguration(after = AppServerAutoConfiguration.class)
@ConditionalOnClass({ ManagedChannelBuilder.class, ProtoServiceDescriptorSupplier.class })
@EnableConfigurationProperties({ SidecarClientProperties.class, SidecarClientTargetProperties.class })
public class SidecarClientAutoConfiguration {

	/**
	 * Lets {@link SidecarClient} resolve fields and constructor parameters; static, so that it
	 * runs before any bean that injects a client is created.
	 * @return the post-processor
	 */
	@Bean
	static BeanFactoryPostProcessor sidecarClientAutowireCandidateResolverInstaller() {
		return (beanFactory) -> {
			if (beanFactory instanceof DefaultListableBeanFactory listable
					&& !(listable.getAutowireCandidateResolver() instanceof SidecarClientAutowireCandidateResolver)) {
				listable.setAutowireCandidateResolver(
						new SidecarClientAutowireCandidateResolver(listable.getAutowireCandidateResolver()));
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	SidecarChannels sidecarChannels(SidecarClientProperties properties, SidecarClientTargetProperties targets,
			Environment environment, AppServerProperties serverProperties, ListableBeanFactory beanFactory) {
		return new SidecarChannels(new ClientTargetResolver(properties, targets, environment),
				new ManagedChannelFactory(properties), serverProperties.getShutdownGracePeriod(),
				// Looked up on the first call, by then every interceptor bean exists, and once for all targets.
				SingletonSupplier.of(() -> globalInterceptors(beanFactory)));
	}

	@Bean
	@ConditionalOnMissingBean
	SidecarClientTargets sidecarClientTargets(SidecarChannels channels) {
		return new SidecarClientTargets(channels);
	}

	/**
	 * The targets' section of {@code /actuator/grpc}; the Spring Boot line's autoconfigure module
	 * shows them in the health, as {@link SidecarClientsHealth}.
	 * @param targets the targets
	 * @return the section
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
	SidecarClientsEndpointContributor sidecarClientsEndpointContributor(SidecarClientTargets targets) {
		return new SidecarClientsEndpointContributor(targets);
	}

	/**
	 * The {@link GlobalClientInterceptor} beans, ordered as Spring orders beans: by
	 * {@code @Order} or {@code Ordered}, on the class or the {@code @Bean} method.
	 */
	private static List<ClientInterceptor> globalInterceptors(ListableBeanFactory beanFactory) {
		Set<ClientInterceptor> annotated = Collections.newSetFromMap(new IdentityHashMap<>());
		for (String name : beanFactory.getBeanNamesForAnnotation(GlobalClientInterceptor.class)) {
			annotated.add(beanFactory.getBean(name, ClientInterceptor.class));
		}
		return beanFactory.getBeanProvider(ClientInterceptor.class).orderedStream().filter(annotated::contains).toList();
	}

}

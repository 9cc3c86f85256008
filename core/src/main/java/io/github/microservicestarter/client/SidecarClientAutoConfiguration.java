package io.github.microservicestarter.client;


import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;

import io.github.microservicestarter.client.SidecarClientProperties.IdTokens;
import io.github.microservicestarter.endpoint.GrpcEndpointProperties;
import io.github.microservicestarter.health.ConditionalOnEnabledComponentHealth;
import io.github.microservicestarter.server.AnnotatedBeans;
import io.github.microservicestarter.server.AppServerAutoConfiguration;
import io.github.microservicestarter.server.AppServerProperties;
import io.github.microservicestarter.tls.ClientTlsCredentials;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * The sidecar client: {@link SidecarClient} injection, {@link SidecarChannels} and the
 * {@link SidecarClientTargets} view, on grpc-java alone.
 */
@AutoConfiguration(after = AppServerAutoConfiguration.class,
		afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass({ ManagedChannelBuilder.class, ProtoServiceDescriptorSupplier.class })
@EnableConfigurationProperties({ SidecarClientProperties.class, SidecarClientTargetProperties.class,
		GrpcEndpointProperties.class })
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
			Environment environment, AppServerProperties serverProperties, ListableBeanFactory beanFactory,
			ObjectProvider<SidecarChannelCustomizer> customizers, IdTokenSource idTokens,
			ObjectProvider<SslBundles> sslBundles) {
		ClientTlsCredentials tls = new ClientTlsCredentials(sslBundles.getIfAvailable());
		return new SidecarChannels(new ClientTargetResolver(properties, targets, environment, tls),
				new ManagedChannelFactory(properties, customizers::orderedStream, idTokens, tls),
				serverProperties.getShutdownGracePeriod(),
				// Looked up on the first call, by then every interceptor bean exists, and once for all targets.
				SingletonSupplier.of(
						() -> AnnotatedBeans.ordered(beanFactory, ClientInterceptor.class, GlobalClientInterceptor.class)),
				properties.getMaxReconnectBackoff(), properties.isDetailedErrors());
	}

	/**
	 * The ID tokens of targets with {@code microservice.clients.<app-id>.id-token.audience}: from
	 * the metadata server, which is asked on the first call that needs a token.
	 * @param properties the client's settings
	 * @param environment the environment, for GCE_METADATA_HOST
	 * @return the source
	 */
	@Bean
	@ConditionalOnMissingBean
	IdTokenSource idTokenSource(SidecarClientProperties properties, Environment environment) {
		IdTokens settings = properties.getIdToken();
		String host = StringUtils.hasText(settings.getMetadataHost()) ? settings.getMetadataHost()
				: environment.getProperty("GCE_METADATA_HOST", "metadata.google.internal");
		return new MetadataServerIdTokens(host, settings.getRefreshBefore(), settings.getTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	SidecarClientTargets sidecarClientTargets(SidecarChannels channels) {
		return new SidecarClientTargets(channels);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnEnabledComponentHealth("sidecarclients")
	SidecarClientsHealth sidecarClientsComponentHealth(SidecarClientTargets targets) {
		return new SidecarClientsHealth(targets);
	}

	/**
	 * The targets' section of {@code /actuator/grpc}.
	 * @param targets the targets
	 * @return the section
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
	SidecarClientsEndpointContributor sidecarClientsEndpointContributor(SidecarClientTargets targets,
			GrpcEndpointProperties endpoint) {
		return new SidecarClientsEndpointContributor(targets, endpoint.isShowAddresses());
	}

}

package io.github.microservicestarter.boot3.netdevh;

import io.grpc.BindableService;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import net.devh.boot.grpc.server.autoconfigure.GrpcHealthServiceAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import net.devh.boot.grpc.server.event.GrpcServerShutdownEvent;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import net.devh.boot.grpc.server.event.GrpcServerTerminatedEvent;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.service.GrpcService;
import net.devh.boot.grpc.server.service.GrpcServiceDiscoverer;

import io.github.microservicestarter.endpoint.GrpcEndpointAutoConfiguration;
import io.github.microservicestarter.health.GrpcHealthAutoConfiguration;
import io.github.microservicestarter.server.AppServerAutoConfiguration;
import io.github.microservicestarter.server.AppServerEvents;
import io.github.microservicestarter.server.AppServerProperties;
import io.github.microservicestarter.server.AppServerSettings;
import io.github.microservicestarter.server.CallsInFlight;
import io.github.microservicestarter.server.GrpcServerCustomizer;
import io.github.microservicestarter.server.ServedServices;
import io.github.microservicestarter.server.ServerEventsListener;
import io.github.microservicestarter.tls.ServerTls;
import io.github.microservicestarter.tls.ServerTlsAutoConfiguration;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Runs the app's gRPC server on net.devh's grpc-spring-boot-starter: our settings drive its
 * {@link GrpcServerProperties}, so users never set {@code grpc.server.*} for port, protocol or
 * shutdown. Every net.devh type the starter touches lives in this package.
 */
@AutoConfiguration(after = { AppServerAutoConfiguration.class, ServerTlsAutoConfiguration.class, GrpcHealthServiceAutoConfiguration.class },
		before = { GrpcServerAutoConfiguration.class, GrpcHealthAutoConfiguration.class, GrpcEndpointAutoConfiguration.class })
@ConditionalOnClass(GrpcServerProperties.class)
public class NetDevhServerAutoConfiguration {

	@Bean
	static GrpcServerPropertiesBinder grpcServerPropertiesBinder(ObjectProvider<AppServerSettings> settings,
			ObjectProvider<AppServerProperties> serverProperties) {
		return new GrpcServerPropertiesBinder(settings, serverProperties);
	}

	/**
	 * The server's TLS from the {@link ServerTls} bean, in place of net.devh's
	 * {@code grpc.server.security.*}.
	 * @param tls the server's TLS
	 * @return net.devh's configurer
	 */
	@Bean
	@ConditionalOnMissingBean(name = "appServerTlsConfigurer")
	GrpcServerConfigurer appServerTlsConfigurer(ServerTls tls) {
		return (builder) -> {
			if (!tls.isEnabled()) {
				return;
			}
			if (!(builder instanceof NettyServerBuilder netty)) {
				throw new IllegalStateException("app-protocol grpcs needs grpc-netty-shaded's server, and net.devh"
						+ " chose " + builder.getClass().getName() + ": remove the other gRPC transports");
			}
			netty.sslContext(tls.nettyServerContext());
		};
	}

	/**
	 * Hands net.devh's server builder to the app's {@link GrpcServerCustomizer} beans, in order.
	 * @param customizers the app's customizers
	 * @return net.devh's configurer
	 */
	@Bean
	@ConditionalOnMissingBean(name = "appServerCustomizers")
	GrpcServerConfigurer appServerCustomizers(ObjectProvider<GrpcServerCustomizer> customizers) {
		return (builder) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
	}

	@Bean
	@ConditionalOnMissingBean(ServerEventsListener.class)
	ServerEventsListener<GrpcServerStartedEvent, GrpcServerShutdownEvent, GrpcServerTerminatedEvent> appServerEventsListener(
			AppServerSettings settings, AppServerProperties properties, CallsInFlight calls,
			ConfigurableEnvironment environment) {
		AppServerEvents events = new AppServerEvents(settings, environment, properties.getShutdownGracePeriod(), calls);
		return new ServerEventsListener<>(events, GrpcServerStartedEvent.class,
				(started) -> started.getServer().getPort(), GrpcServerShutdownEvent.class,
				GrpcServerTerminatedEvent.class, GrpcServerTerminatedEvent::getServer);
	}

	/**
	 * Removes net.devh's request scope, and with it its interceptor on every call, when no bean
	 * is in that scope.
	 * @return the post-processor
	 */
	@Bean
	static UnusedGrpcRequestScope unusedGrpcRequestScope() {
		return new UnusedGrpcRequestScope();
	}

	@Bean
	@ConditionalOnMissingBean
	AnnotatedServerInterceptors annotatedServerInterceptors(ListableBeanFactory beanFactory) {
		return new AnnotatedServerInterceptors(beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean(GrpcServiceDiscoverer.class)
	BindableServiceDiscoverer bindableServiceDiscoverer() {
		return new BindableServiceDiscoverer();
	}

	@Bean
	@ConditionalOnMissingBean
	ServedServices servedServices(ObjectProvider<GrpcServiceDiscoverer> discoverer) {
		return new DiscoveredServices(discoverer);
	}

	/**
	 * The v1 reflection service, beside the v1alpha one net.devh serves: newer tools (grpcurl,
	 * Postman) ask v1 first.
	 * @return the service
	 */
	@GrpcService
	@Bean
	@ConditionalOnClass(ProtoReflectionServiceV1.class)
	@ConditionalOnProperty(prefix = "grpc.server", name = "reflection-service-enabled", matchIfMissing = true)
	@ConditionalOnMissingBean(ProtoReflectionServiceV1.class)
	BindableService protoReflectionServiceV1() {
		return ProtoReflectionServiceV1.newInstance();
	}

}

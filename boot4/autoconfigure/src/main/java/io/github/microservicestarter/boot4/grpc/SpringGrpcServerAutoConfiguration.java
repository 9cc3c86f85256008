package io.github.microservicestarter.boot4.grpc;

import io.grpc.BindableService;
import io.grpc.protobuf.services.ProtoReflectionService;

import io.github.microservicestarter.callback.CallbackAutoConfiguration;
import io.github.microservicestarter.endpoint.GrpcEndpointAutoConfiguration;
import io.github.microservicestarter.errors.ErrorsAutoConfiguration;
import io.github.microservicestarter.errors.ExceptionStatuses;
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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerServicesAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerShutdownEvent;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.grpc.server.lifecycle.GrpcServerTerminatedEvent;
import org.springframework.grpc.server.service.DefaultGrpcServiceConfigurer;
import org.springframework.grpc.server.service.GrpcServiceConfigurer;
import org.springframework.grpc.server.service.GrpcServiceDiscoverer;

/**
 * Runs the app's gRPC server on Spring Boot's own gRPC server: our settings drive its
 * {@code spring.grpc.server.*} properties, so users never set them for port, TLS or shutdown
 * ({@code spring.grpc.server.port}, set by the user, comes second in the port's precedence, as
 * net.devh's {@code grpc.server.port} does on Boot 3). Spring Boot serves every
 * {@link BindableService} bean, with health and reflection; this adds the starter's global
 * interceptors, its {@code GrpcServerCustomizer} beans (limits, admission control and executor
 * among them), started and terminated handling and served-services view.
 * <p>
 * Ordered before Spring Boot's server auto-configurations, which start a server only when some
 * {@link BindableService} bean exists: the starter's own services (Dapr's callbacks) must be
 * there by then.
 */
@AutoConfiguration(
		after = { AppServerAutoConfiguration.class, ServerTlsAutoConfiguration.class, CallbackAutoConfiguration.class,
				ErrorsAutoConfiguration.class },
		before = { GrpcServerAutoConfiguration.class, GrpcServerServicesAutoConfiguration.class,
				GrpcServerHealthAutoConfiguration.class, GrpcEndpointAutoConfiguration.class })
@ConditionalOnClass(GrpcServerFactory.class)
public class SpringGrpcServerAutoConfiguration {

	@Bean
	static GrpcServerPropertiesBinder grpcServerPropertiesBinder(ObjectProvider<AppServerSettings> settings,
			ObjectProvider<AppServerProperties> serverProperties, ObjectProvider<ServerTls> tls,
			ObjectProvider<SslBundleRegistry> sslBundles, Environment environment) {
		return new GrpcServerPropertiesBinder(settings, serverProperties, tls, sslBundles, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	GrpcServerCustomizers appServerCustomizers(ObjectProvider<GrpcServerCustomizer> customizers) {
		return new GrpcServerCustomizers(customizers);
	}

	@Bean
	@ConditionalOnMissingBean(ServerEventsListener.class)
	ServerEventsListener<GrpcServerStartedEvent, GrpcServerShutdownEvent, GrpcServerTerminatedEvent> appServerEventsListener(
			AppServerSettings settings, AppServerProperties properties, CallsInFlight calls,
			ConfigurableEnvironment environment) {
		AppServerEvents events = new AppServerEvents(settings, environment, properties.getShutdownGracePeriod(), calls);
		return new ServerEventsListener<>(events, GrpcServerStartedEvent.class, GrpcServerStartedEvent::getPort,
				GrpcServerShutdownEvent.class, GrpcServerTerminatedEvent.class, GrpcServerTerminatedEvent::getServer);
	}

	@Bean
	@ConditionalOnMissingBean
	GrpcServiceConfigurer grpcServiceConfigurer(ApplicationContext context) {
		DefaultGrpcServiceConfigurer springGrpc = new DefaultGrpcServiceConfigurer(context);
		springGrpc.afterPropertiesSet();
		return new AnnotatedInterceptorsServiceConfigurer(springGrpc, context);
	}

	/**
	 * Spring gRPC's exception handling, answering with the core's statuses of exceptions.
	 * @param statuses the statuses of exceptions
	 * @return the handler
	 */
	@Bean
	@ConditionalOnMissingBean
	ExceptionStatusesHandler exceptionStatusesHandler(ExceptionStatuses statuses) {
		return new ExceptionStatusesHandler(statuses);
	}

	@Bean
	@ConditionalOnMissingBean
	ServedServices servedServices(ObjectProvider<GrpcServiceDiscoverer> discoverer) {
		return new DiscoveredServices(discoverer);
	}

	/**
	 * The v1alpha reflection service, beside the v1 one Spring Boot serves: older tools ask
	 * v1alpha, and the Boot 3 line (net.devh) serves both.
	 * @return the service
	 */
	@Bean
	@ConditionalOnClass(ProtoReflectionService.class)
	@ConditionalOnBooleanProperty(name = "spring.grpc.server.reflection.enabled", matchIfMissing = true)
	@ConditionalOnMissingBean(ProtoReflectionService.class)
	@SuppressWarnings("deprecation")
	BindableService protoReflectionServiceV1alpha() {
		return ProtoReflectionService.newInstance();
	}

}

package io.github.microservicestarter.instrumentation;

import java.util.Arrays;
import java.util.List;

import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import io.github.microservicestarter.client.GlobalClientInterceptor;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.test.BootAutoConfigurations;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * Context runners whose contexts serve gRPC on a free port with Spring Boot's metrics
 * and (optionally) tracing, and channels to them through the app's global client interceptors,
 * as the sidecar client will apply them.
 */
public final class ObservedServer {

	private ObservedServer() {
	}

	/**
	 * A runner with metrics in a simple registry.
	 * @return the runner
	 */
	public static ApplicationContextRunner withMetrics() {
		return GrpcServerRunner.onFreePort()
			.withConfiguration(BootAutoConfigurations.metrics())
			.withConfiguration(AutoConfigurations.of(GrpcInstrumentationAutoConfiguration.class));
	}

	/**
	 * A runner with metrics and OpenTelemetry tracing that samples every call.
	 * @return the runner
	 */
	public static ApplicationContextRunner withTracing() {
		return withMetrics().withConfiguration(BootAutoConfigurations.tracing())
			.withPropertyValues("management.tracing.sampling.probability=1.0");
	}

	/**
	 * A plaintext channel to the context's server.
	 * @param context a context that started a server
	 * @return the channel, to shut down
	 */
	public static ManagedChannel channel(ApplicationContext context) {
		return ManagedChannelBuilder.forAddress("localhost", GrpcServerRunner.localPort(context)).usePlaintext().build();
	}

	/**
	 * The channel intercepted by every {@link GlobalClientInterceptor} bean of the context, the
	 * first in order called first.
	 * @param channel the channel
	 * @param context the context
	 * @return the intercepted channel
	 */
	public static Channel intercepted(Channel channel, ApplicationContext context) {
		List<ClientInterceptor> interceptors = Arrays.stream(context.getBeanNamesForAnnotation(GlobalClientInterceptor.class))
			.map((name) -> context.getBean(name, ClientInterceptor.class))
			.sorted(AnnotationAwareOrderComparator.INSTANCE.reversed())
			.toList();
		return ClientInterceptors.intercept(channel, interceptors);
	}

}

package io.github.microservicestarter.client;

import java.util.Collection;

import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;

import io.github.microservicestarter.server.AnnotatedBeans;
import io.github.microservicestarter.server.AppServerProperties;
import io.github.microservicestarter.tls.ClientTlsCredentials;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.function.SingletonSupplier;

/**
 * The sidecar client's channels of an app, made as {@code SidecarClientAutoConfiguration} makes
 * its {@link SidecarChannels} bean from the app's settings and beans, except that every
 * connection is a given channel: the chain benchmark's stand-in for the transport. So a target's
 * calls go through the interceptors {@link SidecarChannels} puts in front of its connection, its
 * own and the app's global ones, in its order, and then reach that channel.
 * <p>
 * Benchmark code in the client's package, for the package-private constructors; it changes nothing
 * of the app's own bean.
 */
public final class TransportlessSidecarChannels {

	private TransportlessSidecarChannels() {
	}

	/**
	 * A channel to an app, through the sidecar client's interceptors, ending in a given transport.
	 * @param context the app's context
	 * @param appId the target app's id
	 * @param transport where the calls end, in place of the sidecar's or the app's connection
	 * @return the channel, which builds its interceptors on its first call
	 */
	public static Channel channel(ConfigurableApplicationContext context, String appId, ManagedChannel transport) {
		SidecarClientProperties properties = context.getBean(SidecarClientProperties.class);
		ClientTlsCredentials tls = new ClientTlsCredentials(context.getBeanProvider(SslBundles.class).getIfAvailable());
		ManagedChannelFactory connections = new ManagedChannelFactory(properties,
				context.getBeanProvider(SidecarChannelCustomizer.class)::orderedStream, context.getBean(IdTokenSource.class),
				tls) {

			@Override
			ManagedChannel create(ClientTarget target, Collection<String> idempotentMethods) {
				return transport;
			}

		};
		SidecarChannels channels = new SidecarChannels(
				new ClientTargetResolver(properties, context.getBean(SidecarClientTargetProperties.class),
						context.getEnvironment(), tls),
				connections, context.getBean(AppServerProperties.class).getShutdownGracePeriod(),
				SingletonSupplier.of(() -> AnnotatedBeans.ordered(context.getBeanFactory(), ClientInterceptor.class,
						GlobalClientInterceptor.class)),
				properties.getMaxReconnectBackoff(), properties.isDetailedErrors());
		return channels.channel(appId);
	}

}

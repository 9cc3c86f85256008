package io.github.microservicestarter.client;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import io.github.microservicestarter.client.SidecarClientProperties.Keepalive;
import io.github.microservicestarter.client.SidecarClientProperties.Retry;

/**
 * Builds the client's channels: to the sidecar, or straight to a target's addresses.
 */
class ManagedChannelFactory {

	/** grpc-java's own cap on attempts, which a larger retry setting must raise. */
	private static final int GRPC_DEFAULT_MAX_ATTEMPTS = 5;

	private final SidecarClientProperties properties;

	private final Supplier<Stream<SidecarChannelCustomizer>> customizers;

	/**
	 * Creates the factory.
	 * @param properties the client's settings
	 * @param customizers the app's customizers, in order, asked on each connection
	 */
	ManagedChannelFactory(SidecarClientProperties properties, Supplier<Stream<SidecarChannelCustomizer>> customizers) {
		this.properties = properties;
		this.customizers = customizers;
	}

	/**
	 * Builds a channel; it connects on its first call.
	 * @param target the target it reaches (any target of the sidecar, for the sidecar's channel)
	 * @param idempotentMethods the methods to retry on UNAVAILABLE
	 * @return the channel
	 */
	@SuppressWarnings("deprecation")
	ManagedChannel create(ClientTarget target, Collection<String> idempotentMethods) {
		String address = target.address();
		ChannelCredentials credentials = InsecureChannelCredentials.create();
		if (target.mode() == ClientMode.SIDECAR) {
			// Dapr's endpoint variables are URLs: https means TLS to the sidecar.
			if (address.startsWith("https://")) {
				credentials = TlsChannelCredentials.create();
			}
			address = address.replaceFirst("^https?://", "").replaceFirst("/$", "");
		}
		boolean staticAddress = StaticNameResolver.isStatic(address);
		// Netty's builder itself: Grpc.newChannelBuilder picks the resolver of a scheme from the
		// global registry up front, where another library may have registered static:// its own way.
		ManagedChannelBuilder<?> builder = NettyChannelBuilder
			.forTarget(staticAddress ? StaticNameResolver.grpcTarget(address) : address, credentials);
		if (staticAddress) {
			// Deprecated, but the only way to give one channel a scheme: registering the resolver
			// globally would change the meaning of static:// for every channel of the application.
			builder.nameResolverFactory(new StaticNameResolver.Factory());
		}
		Retry retry = this.properties.getRetry();
		builder.defaultServiceConfig(
				ClientServiceConfig.of(target.mode() == ClientMode.DIRECT, idempotentMethods, retry))
			// A DNS TXT record must not replace the retry policy and balancing configured here.
			.disableServiceConfigLookUp()
			.enableRetry()
			.maxRetryAttempts(Math.max(GRPC_DEFAULT_MAX_ATTEMPTS, retry.getMaxAttempts()));
		Keepalive keepalive = this.properties.getKeepalive();
		if (keepalive.getTime() != null) {
			builder.keepAliveTime(keepalive.getTime().toNanos(), TimeUnit.NANOSECONDS)
				.keepAliveTimeout(keepalive.getTimeout().toNanos(), TimeUnit.NANOSECONDS)
				.keepAliveWithoutCalls(keepalive.isWithoutCalls());
		}
		String appId = (target.mode() == ClientMode.SIDECAR) ? null : target.appId();
		this.customizers.get().forEach((customizer) -> customizer.customize(appId, builder));
		return builder.build();
	}

}

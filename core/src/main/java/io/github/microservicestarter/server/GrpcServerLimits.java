package io.github.microservicestarter.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import org.springframework.core.Ordered;

import static io.github.microservicestarter.server.ServerPropertyChecks.bytes;
import static io.github.microservicestarter.server.ServerPropertyChecks.notNegative;
import static io.github.microservicestarter.server.ServerPropertyChecks.positive;
import static io.github.microservicestarter.server.ServerPropertyChecks.positiveOrNone;

/**
 * Applies the server's limits ({@code microservice.server.max-*} and {@code keepalive.*}) to its
 * builder, the same on either Spring Boot line: message and header sizes, calls per connection,
 * keepalive enforcement and connection ages. It runs first among the {@link GrpcServerCustomizer}
 * beans, so the app's own can change what it sets. The connection settings need grpc-netty-shaded's
 * {@link NettyServerBuilder}, the builder of both starters' servers; another builder gets the
 * size limits only.
 */
public class GrpcServerLimits implements GrpcServerCustomizer, Ordered {

	private final int maxInboundMessageSize;

	private final int maxInboundMetadataSize;

	private final int maxConcurrentCallsPerConnection;

	private final Duration permitKeepaliveTime;

	private final boolean permitKeepaliveWithoutCalls;

	private final Duration maxConnectionIdle;

	private final Duration maxConnectionAge;

	private final Duration maxConnectionAgeGrace;

	/**
	 * Checks the limits.
	 * @param properties the server's properties
	 * @throws InvalidAppSettingException naming a limit that cannot work
	 */
	public GrpcServerLimits(AppServerProperties properties) {
		this.maxInboundMessageSize = bytes("max-inbound-message-size", properties.getMaxInboundMessageSize());
		this.maxInboundMetadataSize = bytes("max-inbound-metadata-size", properties.getMaxInboundMetadataSize());
		this.maxConcurrentCallsPerConnection = positive("max-concurrent-calls-per-connection",
				properties.getMaxConcurrentCallsPerConnection());
		this.permitKeepaliveTime = notNegative("keepalive.permit-time", properties.getKeepalive().getPermitTime());
		this.permitKeepaliveWithoutCalls = properties.getKeepalive().isPermitWithoutCalls();
		this.maxConnectionIdle = positiveOrNone("max-connection-idle", properties.getMaxConnectionIdle());
		this.maxConnectionAge = positiveOrNone("max-connection-age", properties.getMaxConnectionAge());
		this.maxConnectionAgeGrace = positiveOrNone("max-connection-age-grace", properties.getMaxConnectionAgeGrace());
	}

	@Override
	public void customize(ServerBuilder<?> builder) {
		builder.maxInboundMessageSize(this.maxInboundMessageSize);
		builder.maxInboundMetadataSize(this.maxInboundMetadataSize);
		if (builder instanceof NettyServerBuilder netty) {
			netty.maxConcurrentCallsPerConnection(this.maxConcurrentCallsPerConnection);
			netty.permitKeepAliveTime(this.permitKeepaliveTime.toNanos(), TimeUnit.NANOSECONDS);
			netty.permitKeepAliveWithoutCalls(this.permitKeepaliveWithoutCalls);
			if (this.maxConnectionIdle != null) {
				netty.maxConnectionIdle(this.maxConnectionIdle.toNanos(), TimeUnit.NANOSECONDS);
			}
			if (this.maxConnectionAge != null) {
				netty.maxConnectionAge(this.maxConnectionAge.toNanos(), TimeUnit.NANOSECONDS);
			}
			if (this.maxConnectionAgeGrace != null) {
				netty.maxConnectionAgeGrace(this.maxConnectionAgeGrace.toNanos(), TimeUnit.NANOSECONDS);
			}
		}
	}

	/** First among the customizers: the app's own see the builder after the limits. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}

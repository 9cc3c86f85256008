package io.github.microservicestarter.server;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;

/**
 * A client channel to a server on localhost, over a real socket, shut down on close.
 */
public final class LoopbackChannel implements AutoCloseable {

	private final ManagedChannel channel;

	private LoopbackChannel(int port, ChannelCredentials credentials) {
		this.channel = Grpc.newChannelBuilderForAddress("localhost", port, credentials).build();
	}

	/**
	 * A plaintext channel.
	 * @param port the server's port
	 * @return the channel
	 */
	public static LoopbackChannel plaintext(int port) {
		return new LoopbackChannel(port, InsecureChannelCredentials.create());
	}

	/**
	 * A TLS channel that trusts the given certificate.
	 * @param port the server's port
	 * @param trustedCertificate the PEM certificate to trust
	 * @return the channel
	 * @throws IOException when the certificate cannot be read
	 */
	public static LoopbackChannel tls(int port, File trustedCertificate) throws IOException {
		return new LoopbackChannel(port, TlsChannelCredentials.newBuilder().trustManager(trustedCertificate).build());
	}

	/**
	 * The channel itself.
	 * @return the channel
	 */
	public ManagedChannel channel() {
		return this.channel;
	}

	/**
	 * Asks the standard health service how the whole server is.
	 * @return the server's status
	 */
	public ServingStatus checkHealth() {
		return HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
	}

	@Override
	public void close() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

}

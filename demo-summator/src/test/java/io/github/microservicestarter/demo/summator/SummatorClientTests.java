package io.github.microservicestarter.demo.summator;

import io.github.microservicestarter.server.LocalAppPort;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests that call the shared summator server over a plaintext loopback channel, one per test.
 */
@SummatorServerTest
abstract class SummatorClientTests {

	@LocalAppPort
	int port;

	ManagedChannel channel;

	@BeforeEach
	void connect() {
		this.channel = ManagedChannelBuilder.forAddress("localhost", this.port).usePlaintext().build();
	}

	@AfterEach
	void disconnect() {
		this.channel.shutdownNow();
	}

}

package io.github.microservicestarter.callback;

import java.util.concurrent.TimeUnit;

import io.dapr.v1.AppCallbackGrpc;
import io.dapr.v1.AppCallbackHealthCheckGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.github.microservicestarter.server.DaprMetadata;
import io.github.microservicestarter.server.LocalAppPort;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Plays Dapr's sidecar: calls the app over a real loopback socket with Dapr's own generated stubs,
 * sending the app API token as the sidecar does.
 */
@CallbackServerTest
abstract class SidecarTests {

	static final String TOKEN = "sidecar-token";

	@LocalAppPort
	int port;

	@Autowired
	RecordingHandlers handlers;

	ManagedChannel channel;

	@BeforeEach
	void openChannel() {
		this.channel = ManagedChannelBuilder.forAddress("localhost", this.port).usePlaintext().build();
		this.handlers.clear();
	}

	@AfterEach
	void closeChannel() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	/**
	 * The callback stub, with the token.
	 * @return the stub
	 */
	AppCallbackGrpc.AppCallbackBlockingStub appCallback() {
		return AppCallbackGrpc.newBlockingStub(this.channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(token(TOKEN)))
			.withDeadlineAfter(10, TimeUnit.SECONDS);
	}

	/**
	 * The health check stub, with the token.
	 * @return the stub
	 */
	AppCallbackHealthCheckGrpc.AppCallbackHealthCheckBlockingStub healthCheck() {
		return AppCallbackHealthCheckGrpc.newBlockingStub(this.channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(token(TOKEN)))
			.withDeadlineAfter(10, TimeUnit.SECONDS);
	}

	static Metadata token(String token) {
		Metadata headers = new Metadata();
		headers.put(DaprMetadata.API_TOKEN, token);
		return headers;
	}

}

package io.github.microservicestarter.server;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServiceResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standard health service and both reflection services answer without any setting.
 */
class HealthAndReflectionTests {

	private static final String[] SERVICES = { "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
			"grpc.reflection.v1alpha.ServerReflection" };

	@Test
	void healthReflectionV1AndV1alphaAnswerByDefault() {
		GrpcServerRunner.onFreePort().run((context) -> {
			int port = GrpcServerRunner.localPort(context);
			try (LoopbackChannel channel = LoopbackChannel.plaintext(port)) {
				assertThat(channel.checkHealth()).isEqualTo(ServingStatus.SERVING);
				assertThat(servicesListedByV1(channel.channel())).contains(SERVICES);
				assertThat(servicesListedByV1alpha(channel.channel())).contains(SERVICES);
			}
		});
	}

	private static List<String> servicesListedByV1(Channel channel) throws Exception {
		var call = ServerReflectionGrpc.newBlockingV2Stub(channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.serverReflectionInfo();
		call.write(ServerReflectionRequest.newBuilder().setListServices("*").build());
		call.halfClose();
		return call.read().getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList();
	}

	private static List<String> servicesListedByV1alpha(Channel channel) throws Exception {
		var call = io.grpc.reflection.v1alpha.ServerReflectionGrpc.newBlockingV2Stub(channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.serverReflectionInfo();
		call.write(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder().setListServices("*").build());
		call.halfClose();
		return call.read()
			.getListServicesResponse()
			.getServiceList()
			.stream()
			.map(io.grpc.reflection.v1alpha.ServiceResponse::getName)
			.toList();
	}

}

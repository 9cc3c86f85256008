package io.github.microservicestarter.demo.summator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What tools ask a server before calling it: gRPC health checks (Kubernetes, Cloud Run) and
 * reflection (grpcurl, Postman).
 */
class HealthAndReflectionTests extends SummatorClientTests {

	@Test
	void healthCheckOfTheServerIsServing() {
		ServingStatus status = HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
		assertThat(status).isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void reflectionListsGreeterAndSummator() throws Exception {
		ServerReflectionResponse response = reflect(ServerReflectionRequest.newBuilder().setListServices("").build());
		List<String> services = response.getListServicesResponse()
			.getServiceList()
			.stream()
			.map(ServiceResponse::getName)
			.toList();
		assertThat(services).contains("Summator", "helloworld.Greeter", "grpc.health.v1.Health");
	}

	@Test
	void reflectionDescribesSumSoThatGrpcurlCanCallIt() throws Exception {
		ServerReflectionResponse response = reflect(
				ServerReflectionRequest.newBuilder().setFileContainingSymbol("Summator").build());
		FileDescriptorProto file = FileDescriptorProto
			.parseFrom(response.getFileDescriptorResponse().getFileDescriptorProto(0));
		assertThat(file.getName()).isEqualTo("summator.proto");
		assertThat(file.getServiceList()).extracting(ServiceDescriptorProto::getName).containsExactly("Summator");
		MethodDescriptorProto sum = file.getService(0).getMethod(0);
		assertThat(List.of(sum.getName(), sum.getInputType(), sum.getOutputType()))
			.containsExactly("sum", ".Number1", ".Number2");
	}

	/** Asks the v1 reflection service, the one grpcurl tries first, one question. */
	private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
		CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
		StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.serverReflectionInfo(new StreamObserver<>() {

				@Override
				public void onNext(ServerReflectionResponse response) {
					answer.complete(response);
				}

				@Override
				public void onError(Throwable error) {
					answer.completeExceptionally(error);
				}

				@Override
				public void onCompleted() {
					answer.completeExceptionally(new IllegalStateException("Reflection ended without an answer"));
				}

			});
		requests.onNext(request);
		requests.onCompleted();
		return answer.get(10, TimeUnit.SECONDS);
	}

}

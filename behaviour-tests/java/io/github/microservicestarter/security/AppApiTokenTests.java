package io.github.microservicestarter.security;

import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.microservicestarter.server.DaprMetadata;
import io.github.microservicestarter.server.EnvironmentVariables;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.ProbeService;
import io.github.microservicestarter.test.BootAutoConfigurations;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With an app API token set, calls without {@code dapr-api-token} or with another value are
 * refused as UNAUTHENTICATED, counted and logged, calls with it answer, open services answer
 * anyway, and methods the app does not serve are refused before they are found missing.
 */
@ExtendWith(OutputCaptureExtension.class)
class AppApiTokenTests {

	private static final String TOKEN = "s3cret-token";

	private ManagedChannel channel;

	@AfterEach
	void closeChannel() throws InterruptedException {
		if (this.channel != null) {
			this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void callWithoutTheHeaderIsUnauthenticatedAndSaysWhatToSend() {
		runner().withInitializer(EnvironmentVariables.of("APP_API_TOKEN", TOKEN)).run((context) -> {
			StatusRuntimeException refusal = checkHealthRefused(null, GrpcServerRunner.localPort(context));
			assertThat(refusal.getStatus().getDescription()).contains("dapr-api-token", "Dapr sidecar");
		});
	}

	@Test
	void callWithAnotherTokenIsUnauthenticatedWithoutShowingTheToken() {
		runner().withInitializer(EnvironmentVariables.of("APP_API_TOKEN", TOKEN)).run((context) -> {
			StatusRuntimeException refusal = checkHealthRefused(TOKEN + "x", GrpcServerRunner.localPort(context));
			assertThat(refusal.getStatus().getDescription()).contains("does not hold").doesNotContain(TOKEN);
		});
	}

	@Test
	void callWithTheTokenFromTheEnvironmentVariableAnswers() {
		runner().withInitializer(EnvironmentVariables.of("APP_API_TOKEN", TOKEN)).run((context) -> {
			assertThat(checkHealth(TOKEN, GrpcServerRunner.localPort(context))).isEqualTo(ServingStatus.SERVING);
		});
	}

	@Test
	void propertyWinsOverTheEnvironmentVariable() {
		runner().withInitializer(EnvironmentVariables.of("APP_API_TOKEN", "from-env"))
			.withPropertyValues("microservice.security.app-api-token=" + TOKEN)
			.run((context) -> {
				int port = GrpcServerRunner.localPort(context);
				assertThat(checkHealth(TOKEN, port)).isEqualTo(ServingStatus.SERVING);
				checkHealthRefused("from-env", port);
			});
	}

	@Test
	void withoutATokenCallsNeedNoHeaderThoughTheCheckIsInPlace() {
		runner().run((context) -> {
			assertThat(context.getBean(AppApiTokenInterceptor.class).isRequired()).isFalse();
			assertThat(checkHealth(null, GrpcServerRunner.localPort(context))).isEqualTo(ServingStatus.SERVING);
		});
	}

	@Test
	void unknownMethodIsUnauthenticatedWithoutTheTokenAndUnimplementedWithIt() {
		runner().withInitializer(EnvironmentVariables.of("APP_API_TOKEN", TOKEN)).run((context) -> {
			int port = GrpcServerRunner.localPort(context);
			assertThat(callUnknownMethod(null, port)).isEqualTo(Status.Code.UNAUTHENTICATED);
			assertThat(callUnknownMethod(TOKEN, port)).isEqualTo(Status.Code.UNIMPLEMENTED);
		});
	}

	@Test
	void unknownMethodIsUnimplementedWithoutAToken() {
		runner().run((context) -> assertThat(callUnknownMethod(null, GrpcServerRunner.localPort(context)))
			.isEqualTo(Status.Code.UNIMPLEMENTED));
	}

	@Test
	void refusedCallsAreCountedAndLoggedOncePerCallerPerInterval(CapturedOutput output) {
		runner().withConfiguration(BootAutoConfigurations.metrics())
			.withInitializer(EnvironmentVariables.of("APP_API_TOKEN", TOKEN))
			.run((context) -> {
				int port = GrpcServerRunner.localPort(context);
				for (int i = 0; i < 3; i++) {
					checkHealthRefused(null, port);
				}
				assertThat(callUnknownMethod(null, port)).isEqualTo(Status.Code.UNAUTHENTICATED);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(RefusedCalls.METER).tags("reason", "token", "rpc.service", "grpc.health.v1.Health")
					.counter()
					.count()).isEqualTo(3);
				assertThat(registry.get(RefusedCalls.METER).tags("reason", "token", "rpc.service", "unknown")
					.counter()
					.count()).isEqualTo(1);
				assertThat(output.getOut().lines().filter((line) -> line.contains("Refused "))).hasSize(1);
			});
	}

	@Test
	void openServicesAnswerWithoutTheTokenAndTheOthersStillRequireIt() {
		runner().withInitializer(EnvironmentVariables.of("APP_API_TOKEN", TOKEN))
			.withPropertyValues("microservice.security.open-services=grpc.health.v1.Health")
			.run((context) -> {
				int port = GrpcServerRunner.localPort(context);
				assertThat(checkHealth(null, port)).isEqualTo(ServingStatus.SERVING);
				assertThatExceptionOfType(StatusException.class).isThrownBy(() -> listServices(port))
					.extracting(StatusException::getStatus)
					.extracting(Status::getCode)
					.isEqualTo(Status.Code.UNAUTHENTICATED);
			});
	}

	private static ApplicationContextRunner runner() {
		return GrpcServerRunner.onFreePort()
			.withConfiguration(AutoConfigurations.of(AppSecurityAutoConfiguration.class));
	}

	private StatusRuntimeException checkHealthRefused(String token, int port) {
		StatusRuntimeException refusal = catchThrowableOfType(StatusRuntimeException.class,
				() -> checkHealth(token, port));
		assertThat(refusal).as("refusal").isNotNull();
		assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		return refusal;
	}

	private Status.Code callUnknownMethod(String token, int port) {
		MethodDescriptor<String, String> unknown = ProbeService.CALL.toBuilder()
			.setFullMethodName("nothing.Here/Nothing")
			.build();
		Channel channel = ClientInterceptors.intercept(channel(port),
				MetadataUtils.newAttachHeadersInterceptor(headers(token)));
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> ClientCalls.blockingUnaryCall(channel, unknown,
						CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "?"));
		return (failure != null) ? failure.getStatus().getCode() : Status.Code.OK;
	}

	private ServingStatus checkHealth(String token, int port) {
		return HealthGrpc.newBlockingStub(channel(port))
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(token)))
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
	}

	private void listServices(int port) throws Exception {
		var call = ServerReflectionGrpc.newBlockingV2Stub(channel(port))
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.serverReflectionInfo();
		call.write(ServerReflectionRequest.newBuilder().setListServices("*").build());
		call.halfClose();
		call.read();
	}

	private ManagedChannel channel(int port) {
		if (this.channel == null) {
			this.channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
		}
		return this.channel;
	}

	private static Metadata headers(String token) {
		Metadata headers = new Metadata();
		if (token != null) {
			headers.put(DaprMetadata.API_TOKEN, token);
		}
		return headers;
	}

}

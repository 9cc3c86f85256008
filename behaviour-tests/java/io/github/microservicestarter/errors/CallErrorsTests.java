package io.github.microservicestarter.errors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.google.rpc.BadRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.microservicestarter.client.probe.EchoGrpc;
import io.github.microservicestarter.client.probe.EchoRequest;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.LoopbackChannel;
import io.github.microservicestarter.security.AppSecurityAutoConfiguration;
import io.github.microservicestarter.test.BootAutoConfigurations;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Calls that go wrong end with a status a client can act on, that tells nothing of the server's
 * inside and echoes no request without bound, and a flood of them makes a few log lines: a
 * request that cannot be read is INVALID_ARGUMENT, an exception nothing maps is INTERNAL.
 */
@ExtendWith(OutputCaptureExtension.class)
class CallErrorsTests {

	/** Bytes that no protobuf message parses from: a field whose tag says length-delimited, with no length. */
	private static final byte[] NOT_PROTOBUF = { (byte) 0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff };

	private static final MethodDescriptor<byte[], byte[]> RAW_GET = MethodDescriptor.<byte[], byte[]>newBuilder()
		.setType(MethodType.UNARY)
		.setFullMethodName("probe.Echo/Get")
		.setRequestMarshaller(new RawBytes())
		.setResponseMarshaller(new RawBytes())
		.build();

	private final ApplicationContextRunner runner = GrpcServerRunner.onFreePort()
		.withConfiguration(BootAutoConfigurations.metrics())
		.withBean(FailingEchoService.class);

	@Test
	void requestThatIsNotAMessageIsInvalidArgumentWithoutReachingTheServiceOrTheLog(CapturedOutput output) {
		this.runner.run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context));
					JulRecords grpcLogs = JulRecords.of(QuietGrpcLogs.LOGGERS)) {
				for (int i = 0; i < 3; i++) {
					StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
							() -> ClientCalls.blockingUnaryCall(channel.channel(), RAW_GET,
									CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), NOT_PROTOBUF));
					assertThat(refused.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
					assertThat(refused.getStatus().getDescription())
						.isEqualTo("The request cannot be read as a request of probe.Echo/Get");
				}
				assertThat(context.getBean(FailingEchoService.class).requests).hasValue(0);
				assertThat(echo(channel.channel(), "still fine")).isEqualTo("still fine");
				assertThat(channel.checkHealth()).isEqualTo(ServingStatus.SERVING);
				assertThat(grpcLogs.published()).isEmpty();
			}
		});
		assertThat(output).doesNotContain("Exception", "\tat ");
	}

	@Test
	void exceptionNothingMapsIsInternalWithoutItsMessageAndLoggedOnceForMany(CapturedOutput output) {
		this.runner.run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				for (int i = 0; i < 5; i++) {
					StatusRuntimeException failed = catchThrowableOfType(StatusRuntimeException.class,
							() -> echo(channel.channel(), "throw"));
					assertThat(failed.getStatus().getCode()).isEqualTo(Code.INTERNAL);
					assertThat(failed.getStatus().getDescription())
						.isEqualTo("The server failed to handle the request; its log tells why");
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("grpc.server.warnings").tag("source", "call").functionCounter().count())
					.isEqualTo(5);
			}
		});
		assertThat(output.toString().split("failed with an exception no @GrpcExceptionMapping maps", -1)).hasSize(2);
		assertThat(output).contains("probe.Echo/Get failed", "internal detail: table USERS",
				"at io.github.microservicestarter.errors.FailingEchoService.get");
	}

	@Test
	void descriptionLongerThanAKilobyteIsCut() {
		this.runner.run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				StatusRuntimeException failed = catchThrowableOfType(StatusRuntimeException.class,
						() -> echo(channel.channel(), "long-description"));
				assertThat(failed.getStatus().getCode()).isEqualTo(Code.NOT_FOUND);
				assertThat(failed.getStatus().getDescription().getBytes(StandardCharsets.UTF_8)).hasSize(1024);
				assertThat(failed.getStatus().getDescription()).endsWith("x...");
			}
		});
	}

	@Test
	void statusDetailsWithALongMessageKeepTheirDetailsWithTheMessageCut() {
		this.runner.run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				StatusRuntimeException failed = catchThrowableOfType(StatusRuntimeException.class,
						() -> echo(channel.channel(), "long-message"));
				assertThat(failed.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
				assertThat(failed.getTrailers().get(StatusBounds.DETAILS_KEY)).isNotNull();
				com.google.rpc.Status details = StatusProto.fromThrowable(failed);
				assertThat(details.getMessage()).hasSize(1024).endsWith("y...");
				assertThat(details.getDetails(0).unpack(BadRequest.class).getFieldViolations(0).getField())
					.isEqualTo("name");
			}
		});
	}

	@Test
	void statusDetailsLargerThanFourKilobytesLoseTheirDetails() {
		this.runner.run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				StatusRuntimeException failed = catchThrowableOfType(StatusRuntimeException.class,
						() -> echo(channel.channel(), "long-details"));
				assertThat(failed.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
				assertThat(failed.getTrailers().get(StatusBounds.DETAILS_KEY)).isNotNull();
				com.google.rpc.Status details = StatusProto.fromThrowable(failed);
				assertThat(details.getMessage()).isEqualTo("too long");
				assertThat(details.getDetailsList()).isEmpty();
			}
		});
	}

	@Test
	void unknownMethodIsUnimplementedNamingAtMostTwoHundredCharactersOfIt() {
		// The server's fallback for unknown methods is the app security's: behind the token when one is set.
		this.runner.withConfiguration(AutoConfigurations.of(AppSecurityAutoConfiguration.class)).run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				MethodDescriptor<byte[], byte[]> unknown = RAW_GET.toBuilder()
					.setFullMethodName("probe.Echo/" + "N".repeat(6000))
					.build();
				StatusRuntimeException failed = catchThrowableOfType(StatusRuntimeException.class,
						() -> ClientCalls.blockingUnaryCall(channel.channel(), unknown,
								CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), new byte[0]));
				assertThat(failed.getStatus().getCode()).isEqualTo(Code.UNIMPLEMENTED);
				assertThat(failed.getStatus().getDescription())
					.isEqualTo("Method not found: probe.Echo/" + "N".repeat(189) + "...");
			}
		});
	}

	@Test
	void transportWarningsOfAFloodOfOversizedRequestsMakeOneLineWithoutAStackTrace() {
		this.runner.withPropertyValues("microservice.server.max-inbound-message-size=100B").run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context));
					JulRecords grpcLogs = JulRecords.of(QuietGrpcLogs.LOGGERS)) {
				for (int i = 0; i < 20; i++) {
					StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
							() -> echo(channel.channel(), "x".repeat(200)));
					assertThat(refused.getStatus().getCode()).isEqualTo(Code.RESOURCE_EXHAUSTED);
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("grpc.server.warnings").tag("source", "transport").functionCounter().count())
					.isEqualTo(20);
				assertThat(grpcLogs.published()).singleElement().satisfies((record) -> {
					assertThat(record.getMessage()).startsWith("Exception processing message: ")
						.contains("RESOURCE_EXHAUSTED");
					assertThat(record.getThrown()).isNull();
				});
			}
		});
	}

	private static String echo(Channel channel, String text) {
		return EchoGrpc.newBlockingStub(channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.get(EchoRequest.newBuilder().setText(text).build())
			.getText();
	}

	private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}

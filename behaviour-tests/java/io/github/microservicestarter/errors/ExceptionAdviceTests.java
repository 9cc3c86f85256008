package io.github.microservicestarter.errors;

import java.util.concurrent.TimeUnit;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.client.probe.EchoGrpc;
import io.github.microservicestarter.client.probe.EchoRequest;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.LoopbackChannel;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link GrpcExceptionAdvice} beans map the exceptions of every service to the status their call
 * ends with, whether the service throws them or passes them to onError, by the closest mapped
 * type, through causes, with details.
 */
class ExceptionAdviceTests {

	private final ApplicationContextRunner runner = GrpcServerRunner.onFreePort()
		.withBean(FailingEchoService.class)
		.withBean(ThingErrors.class);

	@Test
	void thrownExceptionEndsTheCallWithTheMappedStatus() {
		assertThat(failure("not-found")).satisfies((status) -> {
			assertThat(status.getCode()).isEqualTo(Code.NOT_FOUND);
			assertThat(status.getDescription()).isEqualTo("no thing 7");
		});
	}

	@Test
	void exceptionPassedToOnErrorEndsTheCallWithTheMappedStatus() {
		assertThat(failure("on-error-not-found").getDescription()).isEqualTo("no thing 9");
	}

	@Test
	void closestMappedTypeWins() {
		assertThat(failure("not-found-subclass").getDescription()).isEqualTo("widget: no widget 7");
	}

	@Test
	void causeOfAnUnmappedExceptionIsMapped() {
		assertThat(failure("wrapped-not-found").getDescription()).isEqualTo("no thing 8");
	}

	@Test
	void mappingToARichStatusSendsItsDetails() {
		this.runner.run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				StatusRuntimeException failed = catchThrowableOfType(StatusRuntimeException.class,
						() -> echo(channel, "invalid"));
				assertThat(failed.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
				assertThat(StatusProto.fromThrowable(failed).getDetails(0).unpack(BadRequest.class)
					.getFieldViolations(0)
					.getField()).isEqualTo("name");
			}
		});
	}

	@Test
	void mappingMethodWithoutTheExceptionParameterStopsTheStartNamingIt() {
		GrpcServerRunner.onFreePort().withBean(NoParameter.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidExceptionAdviceFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("Invalid @GrpcExceptionMapping method "
					+ NoParameter.class.getName() + ".unavailable: it takes 0 parameters; it must take the exception alone.");
			assertThat(analysis.getAction()).startsWith("Declare one parameter");
		});
	}

	@Test
	void twoMappingsOfOneTypeStopTheStartNamingBoth() {
		GrpcServerRunner.onFreePort().withBean(ThingErrors.class).withBean(MoreThingErrors.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidExceptionAdviceFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(".notFoundAgain: ", FailingEchoService.NoSuchThing.class.getName()
					+ " is mapped by " + ThingErrors.class.getName() + ".notFound already.");
		});
	}

	private Status failure(String request) {
		Status[] status = new Status[1];
		this.runner.run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				status[0] = catchThrowableOfType(StatusRuntimeException.class, () -> echo(channel, request)).getStatus();
			}
		});
		return status[0];
	}

	private static String echo(LoopbackChannel channel, String text) {
		return EchoGrpc.newBlockingStub(channel.channel())
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.get(EchoRequest.newBuilder().setText(text).build())
			.getText();
	}

	@GrpcExceptionAdvice
	static class NoParameter {

		@GrpcExceptionMapping(IllegalStateException.class)
		Status unavailable() {
			return Status.UNAVAILABLE;
		}

	}

	@GrpcExceptionAdvice
	static class MoreThingErrors {

		@GrpcExceptionMapping
		Status notFoundAgain(FailingEchoService.NoSuchThing ex) {
			return Status.NOT_FOUND;
		}

	}

}

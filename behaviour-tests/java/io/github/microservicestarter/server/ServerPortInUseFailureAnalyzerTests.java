package io.github.microservicestarter.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gRPC server whose port is taken is reported with the port and where it came from; other bind
 * failures are not claimed.
 */
class ServerPortInUseFailureAnalyzerTests {

	private ServerSocket taken;

	private int takenPort;

	@BeforeEach
	void takePort() throws IOException {
		this.taken = new ServerSocket(0);
		this.takenPort = this.taken.getLocalPort();
	}

	@AfterEach
	void releasePort() throws IOException {
		this.taken.close();
	}

	@Test
	void takenAppPortIsReportedWithThePortAndItsProperty() {
		FailureAnalysis analysis = analyzeStartupFailure(
				GrpcServerRunner.create().withPropertyValues("microservice.app-port=" + this.takenPort));
		assertThat(analysis.getDescription()).startsWith(
				"The gRPC server could not listen on port " + this.takenPort + " (from microservice.app-port): ");
		assertThat(analysis.getAction()).isEqualTo("Stop the process that listens on port " + this.takenPort
				+ ", or set microservice.app-port to another port; 0 picks a free one at startup.");
	}

	@Test
	void takenPortFromThePortVariableNamesTheVariable() {
		FailureAnalysis analysis = analyzeStartupFailure(
				GrpcServerRunner.create().withInitializer(EnvironmentVariables.of("PORT", "" + this.takenPort)));
		assertThat(analysis.getDescription()).startsWith("The gRPC server could not listen on port " + this.takenPort
				+ " (from the PORT environment variable): ");
	}

	@Test
	void bindFailureOfAnotherServerIsLeftToOtherAnalyzers() {
		ApplicationContextRunner runner = GrpcServerRunner.onFreePort()
			.withBean("otherServer", ServerSocket.class, () -> listen(this.takenPort));
		AtomicReference<Environment> environment = new AtomicReference<>();
		runner.withInitializer((context) -> environment.set(context.getEnvironment())).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(BindException.class);
			assertThat(new ServerPortInUseFailureAnalyzer(environment.get()).analyze(context.getStartupFailure()))
				.isNull();
		});
	}

	private static FailureAnalysis analyzeStartupFailure(ApplicationContextRunner runner) {
		AtomicReference<Environment> environment = new AtomicReference<>();
		AtomicReference<FailureAnalysis> analysis = new AtomicReference<>();
		runner.withInitializer((context) -> environment.set(context.getEnvironment())).run((context) -> {
			assertThat(context).hasFailed();
			analysis.set(new ServerPortInUseFailureAnalyzer(environment.get()).analyze(context.getStartupFailure()));
		});
		assertThat(analysis.get()).isNotNull();
		return analysis.get();
	}

	private static ServerSocket listen(int port) {
		try {
			return new ServerSocket(port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

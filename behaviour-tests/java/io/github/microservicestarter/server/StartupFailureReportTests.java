package io.github.microservicestarter.server;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real application run shows our failure analyses (so they are registered) instead of a stack
 * trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

	@Test
	void daprHttpProtocolFailsTheStartWithTheAnalysisAndNoStackTrace(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--microservice.app-protocol=http"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Invalid value for microservice.app-protocol: 'http' is a Dapr app protocol", "Action:",
				"Run the sidecar with --app-protocol grpc");
		assertThat(output).doesNotContain("\tat ");
	}

	@Test
	void takenPortFailsTheStartWithTheAnalysisAndNoStackTrace(CapturedOutput output) throws IOException {
		try (ServerSocket taken = new ServerSocket(0)) {
			assertThatException().isThrownBy(() -> run("--microservice.app-port=" + taken.getLocalPort()));
			assertThat(output).contains("APPLICATION FAILED TO START",
					"The gRPC server could not listen on port " + taken.getLocalPort() + " (from microservice.app-port)");
		}
		assertThat(output).doesNotContain("\tat ");
	}

	private static void run(String... args) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}

package io.github.microservicestarter.demo.summator;

import java.io.IOException;
import java.net.ServerSocket;

import io.github.microservicestarter.server.LocalAppPort;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summator demo's own default port, 50052, gives way to the port a platform sets.
 */
class SummatorPortTests {

	@Test
	void cloudRunsPortVariableReplacesTheDemosDefault() throws IOException {
		int freePort = freePort();
		assertThat(listeningPort("--PORT=" + freePort)).isEqualTo(freePort);
	}

	@Test
	void daprsAppPortVariableReplacesTheDemosDefault() throws IOException {
		int freePort = freePort();
		assertThat(listeningPort("--APP_PORT=" + freePort)).isEqualTo(freePort);
	}

	/**
	 * Starts the demo and returns the port it listens on. A command-line property stands in for
	 * the environment variable of the same name: Spring resolves both alike.
	 */
	private static int listeningPort(String argument) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SummatorApplication.class)
			.run(argument)) {
			return context.getEnvironment().getRequiredProperty(LocalAppPort.PROPERTY, Integer.class);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

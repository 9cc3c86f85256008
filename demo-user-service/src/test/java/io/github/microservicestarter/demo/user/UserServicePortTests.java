package io.github.microservicestarter.demo.user;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.microservicestarter.server.LocalAppPort;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo pins no port of its own, so a platform's port is the one it listens on.
 */
class UserServicePortTests {

	@TempDir
	Path dataDir;

	@Test
	void cloudRunsPortVariableIsThePortItListensOn() throws IOException {
		int freePort;
		try (ServerSocket socket = new ServerSocket(0)) {
			freePort = socket.getLocalPort();
		}
		// A command-line property stands in for the environment variable: Spring resolves both alike.
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(UserServiceApplication.class)
			.run("--PORT=" + freePort, "--user-service.data-dir=" + this.dataDir)) {
			assertThat(app.getEnvironment().getRequiredProperty(LocalAppPort.PROPERTY, Integer.class))
				.isEqualTo(freePort);
		}
	}

}

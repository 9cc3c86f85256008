package io.github.microservicestarter.server;

import java.io.IOException;
import java.net.ServerSocket;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server listens on the first of: microservice.app-port, the server library's own port
 * property (net.devh's {@code grpc.server.port} on Boot 3, Spring Boot's
 * {@code spring.grpc.server.port} on Boot 4), PORT, APP_PORT, 50051; each level beats the ones
 * below it.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortPrecedenceTests {

	private final int[] ports = freePorts(4);

	@Test
	void appPortBeatsTheLibrarysPortPropertyAndBothVariables() {
		assertListensOn(this.ports[0], GrpcServerRunner.create()
			.withPropertyValues("microservice.app-port=" + this.ports[0],
					GrpcServerRunner.LIBRARY_PORT_PROPERTY + "=" + this.ports[1])
			.withInitializer(EnvironmentVariables.of("PORT", "" + this.ports[2], "APP_PORT", "" + this.ports[3])));
	}

	@Test
	void theLibrarysPortPropertyBeatsBothVariables() {
		assertListensOn(this.ports[1], GrpcServerRunner.create()
			.withPropertyValues(GrpcServerRunner.LIBRARY_PORT_PROPERTY + "=" + this.ports[1])
			.withInitializer(EnvironmentVariables.of("PORT", "" + this.ports[2], "APP_PORT", "" + this.ports[3])));
	}

	@Test
	void cloudRunPortVariableBeatsDaprAppPortVariable() {
		assertListensOn(this.ports[2], GrpcServerRunner.create()
			.withInitializer(EnvironmentVariables.of("PORT", "" + this.ports[2], "APP_PORT", "" + this.ports[3])));
	}

	@Test
	void daprAppPortVariableAloneSetsThePort() {
		assertListensOn(this.ports[3],
				GrpcServerRunner.create().withInitializer(EnvironmentVariables.of("APP_PORT", "" + this.ports[3])));
	}

	@Test
	void portZeroListensOnAFreePortThatIsInjectedAndLogged(CapturedOutput output) {
		GrpcServerRunner.onFreePort().withPropertyValues("spring.application.name=probe").run((context) -> {
			PortHolder holder = new PortHolder();
			context.getAutowireCapableBeanFactory().autowireBean(holder);
			assertThat(holder.port).isPositive();
			try (LoopbackChannel channel = LoopbackChannel.plaintext(holder.port)) {
				assertThat(channel.checkHealth()).isEqualTo(ServingStatus.SERVING);
			}
			assertThat(output)
				.contains("App 'probe' serves grpc on port " + holder.port + " (from microservice.app-port)");
		});
	}

	private static void assertListensOn(int expectedPort, ApplicationContextRunner runner) {
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getEnvironment().getProperty(LocalAppPort.PROPERTY, Integer.class))
				.isEqualTo(expectedPort);
			try (LoopbackChannel channel = LoopbackChannel.plaintext(expectedPort)) {
				assertThat(channel.checkHealth()).isEqualTo(ServingStatus.SERVING);
			}
		});
	}

	private static int[] freePorts(int count) {
		ServerSocket[] sockets = new ServerSocket[count];
		int[] ports = new int[count];
		try {
			for (int i = 0; i < count; i++) {
				sockets[i] = new ServerSocket(0);
				ports[i] = sockets[i].getLocalPort();
			}
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free ports for the test", ex);
		}
		return ports;
	}

	static class PortHolder {

		@LocalAppPort
		int port;

	}

}

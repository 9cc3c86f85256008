package io.github.microservicestarter.demo.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import io.github.microservicestarter.test.BootAutoConfigurations;
import io.github.microservicestarter.test.ObservabilityAsInProduction;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The user service as {@link RunningUserService} runs it, with its actuator served over HTTP on a
 * free port and metrics and tracing on as in production (Spring Boot's tests turn them off).
 * Test classes extending this share one application.
 * <p>
 * Exemplars are off: Debian 12's Prometheus (2.42) refuses a whole scrape that carries exemplars
 * on a {@code _count} series, which Prometheus accepts from 2.43 on (see the README).
 */
@ObservabilityAsInProduction
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.autoconfigure.exclude=" + BootAutoConfigurations.PROMETHEUS_EXEMPLARS })
abstract class RunningUserServiceOverHttp extends RunningUserService {

	/**
	 * The gRPC port, chosen before the app starts: the app calls itself through its sidecar client
	 * (for the client meters), whose target address is read at startup.
	 */
	private static final int GRPC_PORT = freePort();

	@LocalServerPort
	int httpPort;

	@DynamicPropertySource
	static void grpcPortAndSelfAsTarget(DynamicPropertyRegistry registry) {
		registry.add("microservice.app-port", () -> GRPC_PORT);
		registry.add("microservice.clients.user-service.address", () -> "static://localhost:" + GRPC_PORT);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

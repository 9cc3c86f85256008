package io.github.microservicestarter.server;

import java.io.File;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With app-protocol grpcs the server speaks TLS with the configured certificate and key, and only
 * TLS.
 */
class GrpcsTests {

	private final ApplicationContextRunner runner = GrpcServerRunner.onFreePort()
		.withPropertyValues("microservice.app-protocol=grpcs", "microservice.tls.certificate=classpath:tls/server.crt",
				"microservice.tls.private-key=classpath:tls/server.key");

	@Test
	void tlsClientTrustingTheCertificateGetsServing() {
		this.runner.run((context) -> {
			int port = GrpcServerRunner.localPort(context);
			File certificate = new ClassPathResource("tls/server.crt").getFile();
			try (LoopbackChannel channel = LoopbackChannel.tls(port, certificate)) {
				assertThat(channel.checkHealth()).isEqualTo(ServingStatus.SERVING);
			}
		});
	}

	@Test
	void plaintextClientCannotCall() {
		this.runner.run((context) -> {
			int port = GrpcServerRunner.localPort(context);
			try (LoopbackChannel channel = LoopbackChannel.plaintext(port)) {
				assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(channel::checkHealth)
					.extracting(StatusRuntimeException::getStatus)
					.extracting(Status::getCode)
					.isEqualTo(Status.Code.UNAVAILABLE);
			}
		});
	}

}

package io.github.microservicestarter.boot3.netdevh;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import net.devh.boot.grpc.server.config.GrpcServerProperties;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.server.AppServerAutoConfiguration;
import io.github.microservicestarter.server.EnvironmentVariables;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.LocalAppPort;
import io.github.microservicestarter.server.LoopbackChannel;
import io.github.microservicestarter.tls.ServerTlsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The port net.devh's server is given, and its in-process server, which has none.
 */
class NetDevhPortTests {

	@Test
	void withoutPortSettingsTheServerIsGivenPort50051() {
		// No server factory, so nothing listens: 50051 may be in use on this machine.
		new ApplicationContextRunner().withInitializer(EnvironmentVariables.of())
			.withConfiguration(AutoConfigurations.of(AppServerAutoConfiguration.class, ServerTlsAutoConfiguration.class,
					NetDevhServerAutoConfiguration.class, GrpcServerAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(GrpcServerProperties.class).getPort()).isEqualTo(50051));
	}

	@Test
	void inProcessServerBesideTheNetworkServerDoesNotHideItsPort() {
		int port = TestSocketUtils.findAvailableTcpPort();
		GrpcServerRunner.create()
			.withPropertyValues("microservice.app-port=" + port, "grpc.server.in-process-name=probe")
			.run((context) -> {
				assertThat(context.getEnvironment().getProperty(LocalAppPort.PROPERTY, Integer.class)).isEqualTo(port);
				try (LoopbackChannel channel = LoopbackChannel.plaintext(port)) {
					assertThat(channel.checkHealth()).isEqualTo(ServingStatus.SERVING);
				}
			});
	}

}

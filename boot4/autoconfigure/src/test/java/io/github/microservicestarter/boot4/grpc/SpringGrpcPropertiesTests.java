package io.github.microservicestarter.boot4.grpc;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.LoopbackChannel;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerObservationAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthSchedulerAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's settings win over the Spring Boot gRPC properties they replace, which the log
 * names; the Spring Boot gRPC observation and the health scheduler stay out.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringGrpcPropertiesTests {

	@Test
	void starterSettingsReplaceSpringBootsAndTheLogSaysSo(CapturedOutput output) {
		GrpcServerRunner.onFreePort()
			.withPropertyValues("spring.grpc.server.port=1", "spring.grpc.server.shutdown.grace-period=3s",
					"microservice.server.shutdown-grace-period=7s", "spring.grpc.server.ssl.enabled=true")
			.run((context) -> {
				GrpcServerProperties properties = context.getBean(GrpcServerProperties.class);
				// The app's 7s, and a second to end the calls that outlast it with UNAVAILABLE.
				assertThat(properties.getShutdown().getGracePeriod()).hasSeconds(8);
				assertThat(properties.getSsl().getEnabled()).isFalse();
				try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
					assertThat(channel.checkHealth()).isEqualTo(ServingStatus.SERVING);
				}
				assertThat(output).contains(
						"Spring Boot's spring.grpc.server.port=1 is replaced by microservice.app-port: 0 applies",
						"Spring Boot's spring.grpc.server.shutdown.grace-period=3s is replaced by"
								+ " microservice.server.shutdown-grace-period: PT7S applies",
						"Spring Boot's spring.grpc.server.ssl.enabled=true is replaced by microservice.app-protocol:"
								+ " false applies");
			});
	}

	@Test
	void filterIsRegisteredAndKeepsOutOnlySpringBootsGrpcObservationAndHealthScheduler() {
		AutoConfigurationImportFilter filter = SpringFactoriesLoader
			.loadFactories(AutoConfigurationImportFilter.class, getClass().getClassLoader())
			.stream()
			.filter(SpringGrpcObservabilityFilter.class::isInstance)
			.findFirst()
			.orElseThrow();
		String[] candidates = { GrpcServerAutoConfiguration.class.getName(),
				GrpcServerObservationAutoConfiguration.class.getName(),
				GrpcServerHealthSchedulerAutoConfiguration.class.getName(),
				GrpcServerHealthAutoConfiguration.class.getName(),
				"org.springframework.boot.grpc.client.autoconfigure.GrpcClientObservationAutoConfiguration", null };
		assertThat(filter.match(candidates, null)).containsExactly(true, false, false, true, false, true);
	}

}

package io.github.microservicestarter.boot4.grpc;

import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.server.GlobalServerInterceptor;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.LoopbackChannel;
import io.github.microservicestarter.server.RecordingInterceptors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring gRPC's own global interceptors keep working beside the starter's, inside them whatever
 * their order.
 */
class SpringGrpcInterceptorsTests {

	@Test
	void springGrpcsGlobalInterceptorsRunInsideTheStarters() {
		GrpcServerRunner.onFreePort().withUserConfiguration(Interceptors.class).run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				assertThat(channel.checkHealth()).isEqualTo(ServingStatus.SERVING);
			}
			assertThat(context.getBean(Interceptors.class).recording.seen())
				.containsExactly("starter grpc.health.v1.Health/Check", "spring grpc.health.v1.Health/Check");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Interceptors {

		final RecordingInterceptors recording = new RecordingInterceptors();

		@Bean
		@org.springframework.grpc.server.GlobalServerInterceptor
		@Order(1)
		ServerInterceptor spring() {
			return this.recording.named("spring");
		}

		@Bean
		@GlobalServerInterceptor
		@Order(2)
		ServerInterceptor starter() {
			return this.recording.named("starter");
		}

	}

}

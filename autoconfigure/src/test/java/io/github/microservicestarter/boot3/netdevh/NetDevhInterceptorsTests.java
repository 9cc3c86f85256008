package io.github.microservicestarter.boot3.netdevh;

import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;
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
 * net.devh's own global interceptors keep working beside the starter's, sorted together with them
 * by {@code @Order}.
 */
class NetDevhInterceptorsTests {

	@Test
	void netDevhsGlobalInterceptorsSortTogetherWithTheStarters() {
		GrpcServerRunner.onFreePort().withUserConfiguration(Interceptors.class).run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				assertThat(channel.checkHealth()).isEqualTo(ServingStatus.SERVING);
			}
			assertThat(context.getBean(Interceptors.class).recording.seen()).containsExactly(
					"net.devh grpc.health.v1.Health/Check", "starter grpc.health.v1.Health/Check");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Interceptors {

		final RecordingInterceptors recording = new RecordingInterceptors();

		@Bean
		@GrpcGlobalServerInterceptor
		@Order(1)
		ServerInterceptor netDevh() {
			return this.recording.named("net.devh");
		}

		@Bean
		@GlobalServerInterceptor
		@Order(2)
		ServerInterceptor starter() {
			return this.recording.named("starter");
		}

	}

}

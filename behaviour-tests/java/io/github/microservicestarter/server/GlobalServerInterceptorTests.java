package io.github.microservicestarter.server;

import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interceptor beans marked {@link GlobalServerInterceptor} see every call, in {@code @Order};
 * unmarked ones are not applied.
 */
class GlobalServerInterceptorTests {

	@Test
	void markedInterceptorsSeeEveryCallInOrderAndUnmarkedOnesNone() {
		GrpcServerRunner.onFreePort().withUserConfiguration(Interceptors.class).run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				assertThat(channel.checkHealth()).isEqualTo(ServingStatus.SERVING);
			}
			assertThat(context.getBean(Interceptors.class).recording.seen()).containsExactly("first grpc.health.v1.Health/Check",
					"second grpc.health.v1.Health/Check");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Interceptors {

		final RecordingInterceptors recording = new RecordingInterceptors();

		@Bean
		@GlobalServerInterceptor
		@Order(2)
		ServerInterceptor second() {
			return this.recording.named("second");
		}

		@Bean
		@GlobalServerInterceptor
		@Order(1)
		ServerInterceptor first() {
			return this.recording.named("first");
		}

		@Bean
		ServerInterceptor unmarked() {
			return this.recording.named("unmarked");
		}

	}

}

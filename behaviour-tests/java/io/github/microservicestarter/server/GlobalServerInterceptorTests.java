package io.github.microservicestarter.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
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
			assertThat(context.getBean(Interceptors.class).seen).containsExactly("first grpc.health.v1.Health/Check",
					"second grpc.health.v1.Health/Check");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Interceptors {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Bean
		@GlobalServerInterceptor
		@Order(2)
		ServerInterceptor second() {
			return recording("second");
		}

		@Bean
		@GlobalServerInterceptor
		@Order(1)
		ServerInterceptor first() {
			return recording("first");
		}

		@Bean
		ServerInterceptor unmarked() {
			return recording("unmarked");
		}

		private ServerInterceptor recording(String name) {
			return new ServerInterceptor() {
				@Override
				public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
						ServerCallHandler<Q, A> next) {
					Interceptors.this.seen.add(name + " " + call.getMethodDescriptor().getFullMethodName());
					return next.startCall(call, headers);
				}
			};
		}

	}

}

package io.github.microservicestarter.boot3.netdevh;

import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.BindableService;
import net.devh.boot.grpc.server.scope.GrpcRequestScope;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.LoopbackChannel;
import io.github.microservicestarter.server.ProbeService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * net.devh's {@code grpcRequest} scope, and its interceptor on every call, only in an app with a
 * bean in that scope; there it still gives each call its own bean.
 */
class UnusedGrpcRequestScopeTests {

	@Test
	void appWithoutRequestScopedBeansHasNoRequestScopeAndServesCalls() {
		GrpcServerRunner.onFreePort().withBean(ProbeService.class, () -> new ProbeService((request) -> "answer"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(GrpcRequestScope.class);
				try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
					assertThat(ProbeService.call(channel.channel())).isEqualTo("answer");
				}
			});
	}

	@Test
	void appWithARequestScopedBeanGetsOneBeanPerCall() {
		GrpcServerRunner.onFreePort().withUserConfiguration(RequestScoped.class).run((context) -> {
			assertThat(context).hasSingleBean(GrpcRequestScope.class);
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				assertThat(ProbeService.call(channel.channel())).isEqualTo("call 1, same bean within it: true");
				assertThat(ProbeService.call(channel.channel())).isEqualTo("call 2, same bean within it: true");
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class RequestScoped {

		private final AtomicInteger made = new AtomicInteger();

		@Bean
		@Scope(GrpcRequestScope.GRPC_REQUEST_SCOPE_NAME)
		CallNumber callNumber() {
			return new CallNumber(this.made.incrementAndGet());
		}

		@Bean
		BindableService probe(ObjectProvider<CallNumber> callNumber) {
			return new ProbeService((request) -> {
				CallNumber first = callNumber.getObject();
				return "call " + first.number() + ", same bean within it: " + (first == callNumber.getObject());
			});
		}

	}

	record CallNumber(int number) {
	}

}

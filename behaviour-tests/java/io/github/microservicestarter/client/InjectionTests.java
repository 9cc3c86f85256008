package io.github.microservicestarter.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.client.probe.EchoGrpc;
import io.github.microservicestarter.client.probe.EchoReply;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SidecarClient} injects channels and every kind of stub into fields and constructor
 * parameters, and every call goes through the global interceptors, in order.
 */
class InjectionTests {

	static EchoBackend backend;

	@BeforeAll
	static void startBackend() throws Exception {
		backend = EchoBackend.start("users");
	}

	@AfterAll
	static void stopBackend() throws Exception {
		backend.close();
	}

	private ApplicationContextRunner runner() {
		return SidecarClientRunner.withEnvironment()
			.withPropertyValues("microservice.clients.users.address=static://" + backend.address());
	}

	@Test
	void constructorParametersGetTheBlockingAndFutureStubsOfTheAppId() {
		runner().withBean(ConstructorInjected.class).run((context) -> {
			ConstructorInjected bean = context.getBean(ConstructorInjected.class);
			assertThat(bean.blocking.withDeadlineAfter(10, TimeUnit.SECONDS).get(EchoClient.request("a")).getBackend())
				.isEqualTo("users");
			assertThat(bean.future.withDeadlineAfter(10, TimeUnit.SECONDS).get(EchoClient.request("b"))
				.get(10, TimeUnit.SECONDS)
				.getBackend()).isEqualTo("users");
		});
	}

	@Test
	void fieldsGetTheChannelAndTheAsyncStubOfTheAppId() {
		runner().withUserConfiguration(FieldInjected.class).run((context) -> {
			FieldInjected bean = context.getBean(FieldInjected.class);
			assertThat(new EchoClient(bean.channel).get("a").getBackend()).isEqualTo("users");
			EchoClient.Replies replies = new EchoClient.Replies();
			bean.async.withDeadlineAfter(10, TimeUnit.SECONDS).get(EchoClient.request("b"), replies);
			assertThat(replies.await()).extracting(EchoReply::getBackend).containsExactly("users");
		});
	}

	@Test
	void injectedStubsTellTheChannelWhichMethodsTheProtoDeclaresIdempotent() {
		runner().withUserConfiguration(FieldInjected.class).run((context) -> {
			FieldInjected bean = context.getBean(FieldInjected.class);
			long before = backend.attempts("Get");
			backend.refuseNext("Get", 1);
			// Through the injected Channel: the retry policy came from the stubs injected beside it.
			assertThat(new EchoClient(bean.channel).get("retried").getText()).isEqualTo("retried");
			assertThat(backend.attempts("Get") - before).isEqualTo(2);
		});
	}

	@Test
	void annotatedInterceptorsSeeEveryCallInOrderWithTheTargetAppId() {
		runner().withUserConfiguration(Interceptors.class).run((context) -> {
			new EchoClient(context.getBean(SidecarChannels.class).channel("users")).get("a");
			assertThat(context.getBean(Interceptors.class).seen).containsExactly("first saw users", "second saw users");
		});
	}

	@Test
	void injectingAnythingButAChannelOrAStubFailsTheStartSayingWhatItTakes() {
		runner().withUserConfiguration(WrongType.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidSidecarClientException.class)
				.hasMessage("field 'users' of %s: @SidecarClient(\"users\") injects an io.grpc.Channel or a gRPC stub,"
						+ " not java.lang.String", WrongType.class.getName()));
	}

	static class ConstructorInjected {

		final EchoGrpc.EchoBlockingStub blocking;

		final EchoGrpc.EchoFutureStub future;

		ConstructorInjected(@SidecarClient("users") EchoGrpc.EchoBlockingStub blocking,
				@SidecarClient("users") EchoGrpc.EchoFutureStub future) {
			this.blocking = blocking;
			this.future = future;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FieldInjected {

		@SidecarClient("users")
		Channel channel;

		@SidecarClient("users")
		EchoGrpc.EchoStub async;

	}

	@Configuration(proxyBeanMethods = false)
	static class WrongType {

		@SidecarClient("users")
		String users;

	}

	@Configuration(proxyBeanMethods = false)
	static class Interceptors {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Bean
		@GlobalClientInterceptor
		@Order(2)
		ClientInterceptor second() {
			return recording("second");
		}

		@Bean
		@GlobalClientInterceptor
		@Order(1)
		ClientInterceptor first() {
			return recording("first");
		}

		@Bean
		ClientInterceptor notGlobal() {
			return recording("not global");
		}

		private ClientInterceptor recording(String name) {
			return new ClientInterceptor() {

				@Override
				public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
						Channel next) {
					Interceptors.this.seen.add(name + " saw " + TargetAppId.of(options));
					return next.newCall(method, options);
				}

			};
		}

	}

}

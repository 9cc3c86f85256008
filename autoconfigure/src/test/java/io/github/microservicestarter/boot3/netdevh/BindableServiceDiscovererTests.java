package io.github.microservicestarter.boot3.netdevh;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import net.devh.boot.grpc.server.service.GrpcServiceDefinition;
import net.devh.boot.grpc.server.service.GrpcServiceDiscoverer;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.server.GlobalServerInterceptor;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.LoopbackChannel;
import io.github.microservicestarter.server.ProbeService;
import io.github.microservicestarter.server.ServedServices;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain {@link BindableService} beans are served beside net.devh's {@code @GrpcService} ones,
 * behind the same global interceptors, and no service is registered twice.
 */
class BindableServiceDiscovererTests {

	private static final MethodDescriptor<String, String> PLAIN_CALL = ProbeService.CALL.toBuilder()
		.setFullMethodName("test.Plain/Call")
		.build();

	@Test
	void plainServiceBeansAnswerBehindTheGlobalInterceptors() {
		GrpcServerRunner.onFreePort().withUserConfiguration(Services.class).run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				String answer = ClientCalls.blockingUnaryCall(channel.channel(), PLAIN_CALL,
						CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), "hello");
				assertThat(answer).isEqualTo("plain hello");
				assertThat(ProbeService.call(channel.channel())).isEqualTo("annotated probe");
			}
			assertThat(context.getBean(Services.class).seen).containsExactly("test.Plain/Call", "test.Probe/Call");
		});
	}

	@Test
	void annotatedServicesAreFoundOnceAndPlainOnesOnce() {
		GrpcServerRunner.onFreePort().withUserConfiguration(Services.class).run((context) -> {
			List<String> names = context.getBean(GrpcServiceDiscoverer.class)
				.findGrpcServices()
				.stream()
				.map(GrpcServiceDefinition::getDefinition)
				.map((definition) -> definition.getServiceDescriptor().getName())
				.toList();
			assertThat(names).containsOnlyOnce("test.Probe", "test.Plain", "grpc.health.v1.Health");
			assertThat(names).doesNotHaveDuplicates();
		});
	}

	@Test
	void servicesAreBoundOnceForTheServerAndTheServedServices() {
		GrpcServerRunner.onFreePort().withUserConfiguration(Services.class).run((context) -> {
			assertThat(context.getBean(ServedServices.class).services()).extracting(ServiceDescriptor::getName)
				.contains("test.Plain", "test.Probe");
			assertThat(context.getBean(GrpcServiceDiscoverer.class).findGrpcServices()).isNotEmpty();
			assertThat(context.getBean(Services.class).plainBindings).hasValue(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Services {

		final List<String> seen = new CopyOnWriteArrayList<>();

		final AtomicInteger plainBindings = new AtomicInteger();

		@Bean
		ProbeService annotated() {
			return new ProbeService((request) -> "annotated " + request);
		}

		@Bean
		BindableService plain() {
			return () -> {
				this.plainBindings.incrementAndGet();
				return ServerServiceDefinition.builder("test.Plain")
					.addMethod(PLAIN_CALL, ServerCalls.asyncUnaryCall((request, responseObserver) -> {
						responseObserver.onNext("plain " + request);
						responseObserver.onCompleted();
					}))
					.build();
			};
		}

		@Bean
		@GlobalServerInterceptor
		ServerInterceptor recording() {
			return new ServerInterceptor() {
				@Override
				public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
						ServerCallHandler<Q, A> next) {
					Services.this.seen.add(call.getMethodDescriptor().getFullMethodName());
					return next.startCall(call, headers);
				}
			};
		}

	}

}

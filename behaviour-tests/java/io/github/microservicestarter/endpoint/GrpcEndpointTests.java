package io.github.microservicestarter.endpoint;

import java.util.List;
import java.util.Map;

import io.grpc.MethodDescriptor.MethodType;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.endpoint.GrpcEndpoint.Method;
import io.github.microservicestarter.endpoint.GrpcEndpoint.Service;
import io.github.microservicestarter.health.GrpcHealthAutoConfiguration;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.test.ActuatorHealth;

import org.springframework.boot.autoconfigure.AutoConfigurations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/grpc} and the gRPC server's health indicator describe the running server.
 */
class GrpcEndpointTests {

	@Test
	void endpointListsAppIdPortServicesWithStreamingKindsAndContributedSections() {
		GrpcServerRunner.onFreePort()
			.withConfiguration(AutoConfigurations.of(GrpcEndpointAutoConfiguration.class))
			.withPropertyValues("microservice.app-id=inventory", "management.endpoints.web.exposure.include=grpc")
			.withBean(GrpcEndpointContributor.class, () -> new GrpcEndpointContributor() {

				@Override
				public String name() {
					return "clients";
				}

				@Override
				public Object describe() {
					return List.of("orders");
				}

			})
			.run((context) -> {
				Map<String, Object> grpc = context.getBean(GrpcEndpoint.class).grpc();
				assertThat(grpc).containsEntry("appId", "inventory")
					.containsEntry("protocol", "grpc")
					.containsEntry("port", GrpcServerRunner.localPort(context))
					.containsEntry("clients", List.of("orders"));
				assertThat(grpc.get("services")).asList()
					.contains(new Service("grpc.health.v1.Health",
							List.of(new Method("Check", MethodType.UNARY), new Method("Watch", MethodType.SERVER_STREAMING))))
					.contains(new Service("grpc.reflection.v1.ServerReflection",
							List.of(new Method("ServerReflectionInfo", MethodType.BIDI_STREAMING))));
			});
	}

	@Test
	void endpointIsAbsentUnlessExposed() {
		GrpcServerRunner.onFreePort()
			.withConfiguration(AutoConfigurations.of(GrpcEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcEndpoint.class));
	}

	@Test
	void serverHealthIsUpWithPortProtocolAndServices() {
		GrpcServerRunner.onFreePort()
			.withConfiguration(AutoConfigurations.of(GrpcHealthAutoConfiguration.class))
			.withConfiguration(ActuatorHealth.autoConfigurations())
			.run((context) -> {
				assertThat(ActuatorHealth.status(context, "grpcServer")).isEqualTo("UP");
				Map<String, Object> details = ActuatorHealth.details(context, "grpcServer");
				assertThat(details).containsEntry("port", GrpcServerRunner.localPort(context))
					.containsEntry("protocol", "grpc");
				assertThat(details.get("services")).asList()
					.contains("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
			});
	}

}

package io.github.microservicestarter.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.grpc.ConnectivityState;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.endpoint.GrpcEndpoint;
import io.github.microservicestarter.endpoint.GrpcEndpointAutoConfiguration;
import io.github.microservicestarter.health.GrpcHealthAutoConfiguration;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.test.ActuatorHealth;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The sidecar client's targets, with the state of their connections, in {@code /actuator/grpc}
 * and in the actuator's health, where a target that is down shows without taking this app down.
 */
class TargetsInHealthAndEndpointTests {

	/** An app with a gRPC server, the sidecar client, the actuator's health and /actuator/grpc. */
	private static ApplicationContextRunner app(EchoBackend echo) {
		return GrpcServerRunner.onFreePort()
			.withConfiguration(AutoConfigurations.of(SidecarClientAutoConfiguration.class,
					ApplicationAvailabilityAutoConfiguration.class, GrpcHealthAutoConfiguration.class,
					GrpcEndpointAutoConfiguration.class))
			.withConfiguration(ActuatorHealth.autoConfigurations())
			.withPropertyValues("microservice.app-id=caller", "management.endpoints.web.exposure.include=grpc,health",
					"management.endpoint.health.probes.enabled=true",
					"microservice.clients.echo.address=static://" + echo.address());
	}

	@Test
	void endpointShowsTheModeDecisionAndEachTargetsStateWithAddressesMasked() throws Exception {
		try (EchoBackend echo = EchoBackend.start("echo")) {
			app(echo).run((context) -> assertThat(clientsSection(context)).isEqualTo(clients("******", "******")));
		}
	}

	@Test
	void endpointShowsTheAddressesWhenAsked() throws Exception {
		try (EchoBackend echo = EchoBackend.start("echo")) {
			app(echo).withPropertyValues("microservice.endpoint.show-addresses=true")
				.run((context) -> assertThat(clientsSection(context))
					.isEqualTo(clients("localhost:50001", "static://" + echo.address())));
		}
	}

	private static Object clientsSection(ApplicationContext context) {
		new EchoClient(context.getBean(SidecarChannels.class).channel("echo")).get("connect");
		return context.getBean(GrpcEndpoint.class).grpc().get("clients");
	}

	private static Map<String, Object> clients(String sidecarEndpoint, String echoAddress) {
		String modeSource = "mode auto: neither DAPR_GRPC_ENDPOINT nor DAPR_GRPC_PORT is set";
		return Map.of("mode", ClientMode.DIRECT, "modeSource", modeSource, "sidecarEndpoint", sidecarEndpoint,
				"targets", List.of(new SidecarClientTarget("echo", ClientMode.DIRECT, modeSource, echoAddress,
						ConnectivityState.READY)));
	}

	@Test
	void healthShowsEachTargetsStateAndIsUpWhileTheyAre() throws Exception {
		try (EchoBackend echo = EchoBackend.start("echo")) {
			app(echo).run((context) -> {
				new EchoClient(context.getBean(SidecarChannels.class).channel("echo")).get("connect");
				assertThat(ActuatorHealth.status(context, "sidecarClients")).isEqualTo("UP");
				assertThat(ActuatorHealth.details(context, "sidecarClients")).containsEntry("echo",
						Map.of("mode", ClientMode.DIRECT, "address", "static://" + echo.address(), "state",
								ConnectivityState.READY));
			});
		}
	}

	@Test
	void targetWhoseBackendStoppedIsDegradedWithoutTakingTheAppOrItsProbesDown() throws Exception {
		try (EchoBackend echo = EchoBackend.start("echo")) {
			String address = "static://" + echo.address();
			app(echo).run((context) -> {
				AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
				AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
				SidecarChannels channels = context.getBean(SidecarChannels.class);
				EchoClient client = new EchoClient(channels.channel("echo"));
				client.get("connect");
				echo.close();
				assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> client.post("refused"))
					.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Code.UNAVAILABLE));
				await().atMost(Duration.ofSeconds(10))
					.until(() -> channels.targets().get(0).state() == ConnectivityState.TRANSIENT_FAILURE);

				assertThat(ActuatorHealth.status(context, "sidecarClients")).isEqualTo("DEGRADED");
				assertThat(ActuatorHealth.details(context, "sidecarClients")).containsEntry("echo",
						Map.of("mode", ClientMode.DIRECT, "address", address, "state",
								ConnectivityState.TRANSIENT_FAILURE));
				assertThat(ActuatorHealth.status(context, "")).isEqualTo("UP");
				assertThat(ActuatorHealth.status(context, "liveness")).isEqualTo("UP");
				assertThat(ActuatorHealth.status(context, "readiness")).isEqualTo("UP");
				assertThat(ActuatorHealth.members(context, "liveness")).doesNotContain("sidecarClients");
				assertThat(ActuatorHealth.members(context, "readiness")).doesNotContain("sidecarClients");
			});
		}
	}

	@Test
	void componentsTurnOffByTheirPropertiesInAnyRelaxedForm() throws Exception {
		try (EchoBackend echo = EchoBackend.start("echo")) {
			app(echo).withPropertyValues("management.health.sidecarclients.enabled=false").run((context) -> {
				assertThat(ActuatorHealth.status(context, "sidecarClients")).isNull();
				assertThat(ActuatorHealth.status(context, "grpcServer")).isNotNull();
			});
			app(echo).withPropertyValues("management.health.grpcServer.enabled=false").run((context) -> {
				assertThat(ActuatorHealth.status(context, "grpcServer")).isNull();
				assertThat(ActuatorHealth.status(context, "sidecarClients")).isNotNull();
			});
		}
	}

}

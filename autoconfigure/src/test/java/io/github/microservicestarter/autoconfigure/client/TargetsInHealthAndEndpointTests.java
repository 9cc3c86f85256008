package io.github.microservicestarter.autoconfigure.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.grpc.ConnectivityState;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.autoconfigure.netdevh.GrpcServerRunner;
import io.github.microservicestarter.autoconfigure.observability.GrpcEndpoint;
import io.github.microservicestarter.autoconfigure.observability.GrpcEndpointAutoConfiguration;
import io.github.microservicestarter.autoconfigure.observability.GrpcHealthAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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
					ApplicationAvailabilityAutoConfiguration.class, HealthContributorAutoConfiguration.class,
					HealthEndpointAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
					AvailabilityProbesAutoConfiguration.class, GrpcHealthAutoConfiguration.class,
					GrpcEndpointAutoConfiguration.class))
			.withPropertyValues("microservice.app-id=caller", "management.endpoints.web.exposure.include=grpc,health",
					"management.endpoint.health.probes.enabled=true",
					"microservice.clients.echo.address=static://" + echo.address());
	}

	@Test
	void endpointShowsTheModeDecisionTheSidecarEndpointAndEachTargetsAddressAndState() throws Exception {
		try (EchoBackend echo = EchoBackend.start("echo")) {
			app(echo).run((context) -> {
				new EchoClient(context.getBean(SidecarChannels.class).channel("echo")).get("connect");
				Map<String, Object> grpc = context.getBean(GrpcEndpoint.class).grpc();
				assertThat(grpc.get("clients")).isEqualTo(Map.of("mode", ClientMode.DIRECT, "modeSource",
						"mode auto: neither DAPR_GRPC_ENDPOINT nor DAPR_GRPC_PORT is set", "sidecarEndpoint",
						"localhost:50001", "targets",
						List.of(new SidecarClientTarget("echo", ClientMode.DIRECT,
								"mode auto: neither DAPR_GRPC_ENDPOINT nor DAPR_GRPC_PORT is set",
								"static://" + echo.address(), ConnectivityState.READY))));
			});
		}
	}

	@Test
	void healthShowsEachTargetsStateAndIsUpWhileTheyAre() throws Exception {
		try (EchoBackend echo = EchoBackend.start("echo")) {
			app(echo).run((context) -> {
				new EchoClient(context.getBean(SidecarChannels.class).channel("echo")).get("connect");
				HealthComponent targets = context.getBean(HealthEndpoint.class).healthForPath("sidecarClients");
				assertThat(targets.getStatus()).isEqualTo(Status.UP);
				assertThat(details(targets)).containsEntry("echo",
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

				HealthEndpoint health = context.getBean(HealthEndpoint.class);
				HealthComponent targets = health.healthForPath("sidecarClients");
				assertThat(targets.getStatus().getCode()).isEqualTo("DEGRADED");
				assertThat(details(targets)).containsEntry("echo",
						Map.of("mode", ClientMode.DIRECT, "address", address, "state",
								ConnectivityState.TRANSIENT_FAILURE));
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
				assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
				assertThat(members(health, "liveness")).doesNotContain("sidecarClients");
				assertThat(members(health, "readiness")).doesNotContain("sidecarClients");
			});
		}
	}

	@Test
	void componentsTurnOffByTheirPropertiesInAnyRelaxedForm() throws Exception {
		try (EchoBackend echo = EchoBackend.start("echo")) {
			app(echo).withPropertyValues("management.health.sidecarclients.enabled=false").run((context) -> {
				HealthEndpoint health = context.getBean(HealthEndpoint.class);
				assertThat(health.healthForPath("sidecarClients")).isNull();
				assertThat(health.healthForPath("grpcServer")).isNotNull();
			});
			app(echo).withPropertyValues("management.health.grpcServer.enabled=false").run((context) -> {
				HealthEndpoint health = context.getBean(HealthEndpoint.class);
				assertThat(health.healthForPath("grpcServer")).isNull();
				assertThat(health.healthForPath("sidecarClients")).isNotNull();
			});
		}
	}

	private static Map<String, Object> details(HealthComponent component) {
		return ((Health) component).getDetails();
	}

	private static List<String> members(HealthEndpoint health, String group) {
		return List.copyOf(((CompositeHealth) health.healthForPath(group)).getComponents().keySet());
	}

}

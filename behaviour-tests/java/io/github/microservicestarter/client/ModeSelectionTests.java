package io.github.microservicestarter.client;

import java.util.regex.Pattern;

import io.grpc.ConnectivityState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Which way calls go, to which address: auto mode follows the Dapr environment variables, and
 * properties override it, per target or for all. The decision is logged once per target.
 */
@ExtendWith(OutputCaptureExtension.class)
class ModeSelectionTests {

	private static final String ADDRESS = "microservice.clients.users.address=static://10.0.0.1:50051";

	@Test
	void autoModeWithoutDaprVariablesGoesDirectToTheConfiguredAddress() {
		SidecarClientRunner.withEnvironment().withPropertyValues(ADDRESS).run((context) -> {
			assertThat(context.getBean(SidecarClientTargets.class).targets()).containsExactly(
					new SidecarClientTarget("users", ClientMode.DIRECT,
							"mode auto: neither DAPR_GRPC_ENDPOINT nor DAPR_GRPC_PORT is set", "static://10.0.0.1:50051",
							ConnectivityState.IDLE));
		});
	}

	@Test
	void autoModeWithDaprGrpcPortGoesThroughTheSidecarOnLocalhost() {
		SidecarClientRunner.withEnvironment("DAPR_GRPC_PORT", "50007").withPropertyValues(ADDRESS).run((context) -> {
			assertThat(context.getBean(SidecarClientTargets.class).targets()).extracting(SidecarClientTarget::mode,
					SidecarClientTarget::address)
				.containsExactly(tuple(ClientMode.SIDECAR, "localhost:50007"));
		});
	}

	@Test
	void daprGrpcEndpointIsTheSidecarsAddressWhenSet() {
		SidecarClientRunner.withEnvironment("DAPR_GRPC_ENDPOINT", "https://sidecar.example:443", "DAPR_GRPC_PORT", "50007")
			.run((context) -> assertThat(targetOf(context.getBean(SidecarChannels.class), "users").address())
				.isEqualTo("https://sidecar.example:443"));
	}

	@Test
	void sidecarModeWithoutDaprVariablesUsesDaprsDefaultPort() {
		SidecarClientRunner.withEnvironment()
			.withPropertyValues("microservice.client.mode=sidecar")
			.run((context) -> assertThat(targetOf(context.getBean(SidecarChannels.class), "users").address())
				.isEqualTo("localhost:50001"));
	}

	@Test
	void targetsOwnModeWinsOverTheDefault() {
		SidecarClientRunner.withEnvironment("DAPR_GRPC_PORT", "50007")
			.withPropertyValues(ADDRESS, "microservice.clients.users.mode=direct")
			.run((context) -> assertThat(targetOf(context.getBean(SidecarChannels.class), "users").mode())
				.isEqualTo(ClientMode.DIRECT));
	}

	@Test
	void decisionIsLoggedOncePerTargetWithItsReason(CapturedOutput output) {
		SidecarClientRunner.withEnvironment().withPropertyValues(ADDRESS).run((context) -> {
			SidecarChannels channels = context.getBean(SidecarChannels.class);
			channels.channel("users");
			channels.channel("users");
		});
		String line = "Calls to app 'users' go direct to static://10.0.0.1:50051 (mode auto: neither DAPR_GRPC_ENDPOINT"
				+ " nor DAPR_GRPC_PORT is set)";
		assertThat(output.getOut().split(Pattern.quote(line), -1)).hasSize(2);
	}

	@Test
	void sidecarDecisionIsLoggedAsTheRouteThroughTheSidecar(CapturedOutput output) {
		SidecarClientRunner.withEnvironment("DAPR_GRPC_PORT", "50007")
			.run((context) -> context.getBean(SidecarChannels.class).channel("users"));
		assertThat(output.getOut()).contains("Calls to app 'users' go through the sidecar at localhost:50007 as"
				+ " dapr-app-id 'users' (mode auto: DAPR_GRPC_PORT is set)");
	}

	@Test
	void unknownCompressionFailsTheStartNamingTheProperty() {
		SidecarClientRunner.withEnvironment()
			.withPropertyValues(ADDRESS, "microservice.clients.users.compression=brotli")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'brotli' is not a compression gRPC knows"));
	}

	private static SidecarClientTarget targetOf(SidecarChannels channels, String appId) {
		channels.channel(appId);
		return channels.targets().stream().filter((target) -> target.appId().equals(appId)).findFirst().orElseThrow();
	}

}

package io.github.microservicestarter.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.microservicestarter.client.probe.EchoReply;
import io.github.microservicestarter.server.DaprMetadata;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sidecar mode through a real header-routing gRPC proxy, Debian's nginx, standing in for the Dapr
 * sidecar: it sends each call to the backend its dapr-app-id names.
 */
class SidecarModeTests {

	@TempDir
	static Path nginxDir;

	static EchoBackend echoA;

	static EchoBackend echoB;

	static EchoBackend echoBInProd;

	static NginxSidecar sidecar;

	@BeforeAll
	static void startBackendsAndSidecar() throws Exception {
		echoA = EchoBackend.start("echo-a");
		echoB = EchoBackend.start("echo-b");
		echoBInProd = EchoBackend.start("echo-b in prod");
		sidecar = NginxSidecar.start(nginxDir,
				Map.of("echo-a", echoA.port(), "echo-b", echoB.port(), "echo-b.prod", echoBInProd.port()));
	}

	@AfterAll
	static void stopSidecarAndBackends() throws Exception {
		if (sidecar != null) {
			sidecar.close();
		}
		echoA.close();
		echoB.close();
		echoBInProd.close();
	}

	/** Under a sidecar as the Dapr CLI runs it: DAPR_GRPC_PORT set, so auto mode picks the sidecar. */
	private static ApplicationContextRunner underDapr(String... environmentVariables) {
		String[] variables = new String[environmentVariables.length + 2];
		variables[0] = "DAPR_GRPC_PORT";
		variables[1] = String.valueOf(sidecar.port());
		System.arraycopy(environmentVariables, 0, variables, 2, environmentVariables.length);
		return SidecarClientRunner.withEnvironment(variables);
	}

	@Test
	void unaryAndEveryStreamingKindReachTheBackendOfTheirAppId() {
		underDapr().run((context) -> {
			SidecarChannels channels = context.getBean(SidecarChannels.class);
			for (String appId : List.of("echo-a", "echo-b")) {
				EchoClient echo = new EchoClient(channels.channel(appId));
				assertThat(echo.get("unary").getBackend()).isEqualTo(appId);
				assertThat(echo.split("server streaming")).extracting(EchoReply::getBackend).containsExactly(appId, appId);
				assertThat(echo.join("client", "streaming").getBackend()).isEqualTo(appId);
				assertThat(echo.chat("bidi", "streaming")).extracting(EchoReply::getBackend)
					.containsExactly(appId, appId);
			}
		});
	}

	@Test
	void namespacedAppIdReachesTheBackendOfItsNamespace() {
		underDapr().withPropertyValues("microservice.clients.echo-b.namespace=prod").run((context) -> {
			EchoClient echo = new EchoClient(context.getBean(SidecarChannels.class).channel("echo-b"));
			assertThat(echo.get("unary").getBackend()).isEqualTo("echo-b in prod");
			assertThat(echo.chat("bidi").get(0).getBackend()).isEqualTo("echo-b in prod");
		});
	}

	@Test
	void proxyLogsDaprStreamOnStreamingCallsOnlyAndMissingOnAStreamWithoutIt() throws Exception {
		underDapr().run((context) -> {
			EchoClient echo = new EchoClient(context.getBean(SidecarChannels.class).channel("echo-a"));
			echo.post("logged-unary");
			echo.split("logged server-streaming");
			echo.join("logged client-streaming");
			echo.chat("logged bidi");
		});
		ManagedChannel plain = ManagedChannelBuilder.forAddress("127.0.0.1", sidecar.port()).usePlaintext().build();
		try {
			Metadata appIdOnly = new Metadata();
			appIdOnly.put(DaprMetadata.APP_ID, "echo-b");
			new EchoClient(plain).withInterceptor(MetadataUtils.newAttachHeadersInterceptor(appIdOnly))
				.split("without dapr-stream");
		}
		finally {
			plain.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sidecar.accessLog()).contains("app_id=echo-a stream=- uri=/probe.Echo/Post",
					"app_id=echo-a stream=true uri=/probe.Echo/Split", "app_id=echo-a stream=true uri=/probe.Echo/Join",
					"app_id=echo-a stream=true uri=/probe.Echo/Chat", "app_id=echo-b stream=- uri=/probe.Echo/Split"));
	}

	@Test
	void backendReceivesExactlyTheDaprMetadataOfUnaryAndStreamingCalls() {
		underDapr("DAPR_API_TOKEN", "s3cret").run((context) -> {
			EchoClient echo = new EchoClient(context.getBean(SidecarChannels.class).channel("echo-a"));
			int before = echoA.calls().size();
			echo.get("unary");
			echo.chat("bidi");
			List<EchoBackend.ReceivedCall> calls = echoA.calls().subList(before, before + 2);
			// No dapr-caller-app-id: Dapr's sidecar sets it (SidecarClientThroughDaprdTests).
			assertThat(calls.get(0).applicationHeaders())
				.isEqualTo(Map.of("dapr-app-id", "echo-a", "dapr-api-token", "s3cret"));
			assertThat(calls.get(1).applicationHeaders())
				.isEqualTo(Map.of("dapr-app-id", "echo-a", "dapr-api-token", "s3cret", "dapr-stream", "true"));
		});
	}

	@Test
	void noApiTokenIsSentWhenNoneIsSet() {
		underDapr().run((context) -> {
			EchoClient echo = new EchoClient(context.getBean(SidecarChannels.class).channel("echo-a"));
			int before = echoA.calls().size();
			echo.get("unary");
			assertThat(echoA.calls().get(before).applicationHeaders())
				.isEqualTo(Map.of("dapr-app-id", "echo-a"));
		});
	}

}

package io.github.microservicestarter.security;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.microservicestarter.server.DaprMetadata;
import io.github.microservicestarter.server.EnvironmentVariables;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.InvalidAppSettingException;
import io.github.microservicestarter.test.StartupFailures;
import io.github.microservicestarter.server.ProbeService;
import io.github.microservicestarter.test.BootAutoConfigurations;
import io.github.microservicestarter.tls.TestCertificates;
import io.github.microservicestarter.tls.TlsClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code microservice.security.callers}: listed services and methods answer only the apps listed
 * with them, named by the sidecar on calls that carry the app API token or by the client's
 * certificate; the others get PERMISSION_DENIED, and rules that cannot work stop the start.
 */
class CallerAllowListTests {

	private static final String TOKEN = "s3cret-token";

	private static final String PROBE_FOR_SUMMATOR = "microservice.security.callers[0].services=test.Probe";

	private ManagedChannel channel;

	@AfterEach
	void closeChannel() throws InterruptedException {
		if (this.channel != null) {
			this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	private static ApplicationContextRunner runner(String... properties) {
		return GrpcServerRunner.onFreePort()
			.withConfiguration(AutoConfigurations.of(AppSecurityAutoConfiguration.class))
			.withBean(ProbeService.class, () -> new ProbeService((request) -> "answered"))
			.withPropertyValues(properties);
	}

	private static ApplicationContextRunner withToken(String... properties) {
		return runner(properties).withInitializer(EnvironmentVariables.of("APP_API_TOKEN", TOKEN));
	}

	@Test
	void listedAppAnswersAndOthersArePermissionDeniedByName() {
		withToken(PROBE_FOR_SUMMATOR, "microservice.security.callers[0].apps=summator").run((context) -> {
			int port = GrpcServerRunner.localPort(context);
			assertThat(ProbeService.call(channel(port, TOKEN, "summator"))).isEqualTo("answered");
			StatusRuntimeException refusal = refusal(() -> ProbeService.call(channel(port, TOKEN, "greeter")));
			assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
			assertThat(refusal.getStatus().getDescription()).isEqualTo("App 'greeter' may not call test.Probe/Call");
		});
	}

	@Test
	void callWithoutACallerIdIsPermissionDeniedSayingHowToCall() {
		withToken(PROBE_FOR_SUMMATOR, "microservice.security.callers[0].apps=summator").run((context) -> {
			StatusRuntimeException refusal = refusal(
					() -> ProbeService.call(channel(GrpcServerRunner.localPort(context), TOKEN, null)));
			assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
			assertThat(refusal.getStatus().getDescription()).contains("does not show which app it comes from",
					"Dapr sidecar", "client certificate");
		});
	}

	@Test
	void callerIdOnACallWithoutTheTokenIsNotTrusted() {
		withToken(PROBE_FOR_SUMMATOR, "microservice.security.callers[0].apps=summator",
				"microservice.security.open-services=test.Probe")
			.run((context) -> {
				StatusRuntimeException refusal = refusal(
						() -> ProbeService.call(channel(GrpcServerRunner.localPort(context), null, "summator")));
				assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
			});
	}

	@Test
	void methodsOwnEntryWinsOverItsServices() {
		withToken("microservice.security.callers[0].services=grpc.health.v1.Health",
				"microservice.security.callers[0].apps=summator",
				"microservice.security.callers[1].services=grpc.health.v1.Health/Check",
				"microservice.security.callers[1].apps=prober")
			.run((context) -> {
				int port = GrpcServerRunner.localPort(context);
				assertThat(checkHealth(channel(port, TOKEN, "prober"))).isEqualTo(ServingStatus.SERVING);
				StatusRuntimeException refusal = refusal(() -> checkHealth(channel(port, TOKEN, "summator")));
				assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
				assertThat(ProbeService.call(channel(port, TOKEN, "anyone"))).as("an unlisted service")
					.isEqualTo("answered");
			});
	}

	@Test
	void refusedCallersAreCounted() {
		withToken(PROBE_FOR_SUMMATOR, "microservice.security.callers[0].apps=summator")
			.withConfiguration(BootAutoConfigurations.metrics())
			.run((context) -> {
				refusal(() -> ProbeService.call(channel(GrpcServerRunner.localPort(context), TOKEN, "greeter")));
				assertThat(context.getBean(MeterRegistry.class)
					.get(RefusedCalls.METER)
					.tags("reason", "caller", "rpc.service", "test.Probe")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void clientCertificateNamesTheCallerWithoutAToken(@TempDir Path files) {
		TestCertificates.Issued ca = TestCertificates.ca("test-ca");
		ca.writeCertificate(files.resolve("ca.crt"));
		TestCertificates.Issued server = ca.issue("server");
		server.writeCertificate(files.resolve("server.crt"));
		server.writeKey(files.resolve("server.key"));
		runner(PROBE_FOR_SUMMATOR, "microservice.security.callers[0].apps=summator", "microservice.app-protocol=grpcs",
				"microservice.tls.bundle=server", "microservice.tls.client-auth=require",
				"spring.ssl.bundle.pem.server.keystore.certificate=file:" + files.resolve("server.crt"),
				"spring.ssl.bundle.pem.server.keystore.private-key=file:" + files.resolve("server.key"),
				"spring.ssl.bundle.pem.server.truststore.certificate=file:" + files.resolve("ca.crt"))
			.run((context) -> {
				int port = GrpcServerRunner.localPort(context);
				try (TlsClient summator = TlsClient.withCertificate(ca, ca.issue("summator"), port);
						TlsClient greeter = TlsClient.withCertificate(ca, ca.issue("greeter"), port)) {
					assertThat(summator.call()).isEqualTo("answered");
					StatusRuntimeException refusal = refusal(greeter::call);
					assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
					assertThat(refusal.getStatus().getDescription()).startsWith("App 'greeter' may not call");
				}
			});
	}

	@Test
	void rulesWithNoWayToTellTheCallerStopTheStart() {
		InvalidAppSettingException failure = StartupFailures.invalidSetting(
				runner(PROBE_FOR_SUMMATOR, "microservice.security.callers[0].apps=summator"));
		assertThat(failure.getSetting()).isEqualTo("microservice.security.callers");
		assertThat(failure.getMessage()).contains("nothing tells this app which app is calling");
		assertThat(failure.getAction()).contains("APP_API_TOKEN", "microservice.tls.client-auth=require");
	}

	@Test
	void misspeltServiceStopsTheStartListingTheServedOnes() {
		InvalidAppSettingException failure = StartupFailures.invalidSetting(withToken(
				"microservice.security.callers[0].services=test.Prob", "microservice.security.callers[0].apps=summator"));
		assertThat(failure.getMessage()).isEqualTo("it names test.Prob, which this app does not serve, so the rule"
				+ " guards nothing.");
		assertThat(failure.getAction()).contains("test.Probe", "grpc.health.v1.Health");
	}

	@Test
	void ruleWithoutAppsStopsTheStart() {
		InvalidAppSettingException failure = StartupFailures.invalidSetting(withToken(PROBE_FOR_SUMMATOR));
		assertThat(failure.getSetting()).isEqualTo("microservice.security.callers[0]");
		assertThat(failure.getMessage()).isEqualTo("it needs both services and apps: it lists 1 services and 0 apps.");
	}

	private Channel channel(int port, String token, String callerAppId) {
		if (this.channel == null) {
			this.channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
		}
		Metadata headers = new Metadata();
		if (token != null) {
			headers.put(DaprMetadata.API_TOKEN, token);
		}
		if (callerAppId != null) {
			headers.put(DaprMetadata.CALLER_APP_ID, callerAppId);
		}
		return ClientInterceptors.intercept(this.channel, MetadataUtils.newAttachHeadersInterceptor(headers));
	}

	private static ServingStatus checkHealth(Channel channel) {
		return HealthGrpc.newBlockingStub(channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
	}

	private static StatusRuntimeException refusal(Runnable call) {
		StatusRuntimeException refusal = catchThrowableOfType(StatusRuntimeException.class, call::run);
		assertThat(refusal).as("refusal").isNotNull();
		return refusal;
	}

}

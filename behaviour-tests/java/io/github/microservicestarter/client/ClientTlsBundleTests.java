package io.github.microservicestarter.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.microservicestarter.server.DaprMetadata;
import io.github.microservicestarter.server.InvalidAppSettingException;
import io.github.microservicestarter.test.StartupFailures;
import io.github.microservicestarter.tls.PeerIdentity;
import io.github.microservicestarter.tls.TestCertificates;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client's TLS from Spring Boot SSL bundles, with certificates made for the test: a direct
 * target's bundle trusts its private CA and gives the client's certificate to a server that asks
 * for one, and an https:// sidecar endpoint is checked against the sidecar's bundle.
 */
class ClientTlsBundleTests {

	private static final TestCertificates.Issued ca = TestCertificates.ca("test-ca");

	private static final TestCertificates.Issued otherCa = TestCertificates.ca("other-ca");

	@TempDir
	static Path files;

	private EchoBackend backend;

	private final List<String> clientAppIds = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void writeCertificates() {
		ca.writeCertificate(files.resolve("ca.crt"));
		otherCa.writeCertificate(files.resolve("other-ca.crt"));
		TestCertificates.Issued server = ca.issue("echo");
		server.writeCertificate(files.resolve("server.crt"));
		server.writeKey(files.resolve("server.key"));
		TestCertificates.Issued client = ca.issue("caller");
		client.writeCertificate(files.resolve("client.crt"));
		client.writeKey(files.resolve("client.key"));
	}

	@AfterEach
	void stopBackend() throws InterruptedException {
		if (this.backend != null) {
			this.backend.close();
		}
	}

	/** A TLS backend of the test CA that may ask for client certificates, and records whose came. */
	private EchoBackend backend(TlsServerCredentials.ClientAuth clientAuth) throws IOException {
		ServerCredentials credentials = TlsServerCredentials.newBuilder()
			.keyManager(files.resolve("server.crt").toFile(), files.resolve("server.key").toFile())
			.trustManager(files.resolve("ca.crt").toFile())
			.clientAuth(clientAuth)
			.build();
		ServerInterceptor recordClient = new ServerInterceptor() {

			@Override
			public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
					ServerCallHandler<Q, A> next) {
				PeerIdentity peer = PeerIdentity.of(call);
				ClientTlsBundleTests.this.clientAppIds.add((peer != null) ? peer.appId() : "none");
				return next.startCall(call, headers);
			}

		};
		this.backend = EchoBackend.start("tls", credentials, recordClient);
		return this.backend;
	}

	private static ApplicationContextRunner runner(String... environmentVariables) {
		return SidecarClientRunner.withEnvironment(environmentVariables)
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("spring.ssl.bundle.pem.client.truststore.certificate=file:" + files.resolve("ca.crt"));
	}

	private static EchoClient echo(ApplicationContext context) {
		return new EchoClient(context.getBean(SidecarChannels.class).channel("echo"));
	}

	@Test
	void directTargetsBundleTrustsItsPrivateCa() throws IOException {
		int port = backend(TlsServerCredentials.ClientAuth.NONE).port();
		runner().withPropertyValues("microservice.clients.echo.address=dns:///localhost:" + port,
				"microservice.clients.echo.tls.bundle=client")
			.run((context) -> assertThat(echo(context).post("hello").getText()).isEqualTo("hello"));
	}

	@Test
	void bundlesKeyStoreIsTheClientsCertificateForMutualTls() throws IOException {
		int port = backend(TlsServerCredentials.ClientAuth.REQUIRE).port();
		runner().withPropertyValues("microservice.clients.echo.address=dns:///localhost:" + port,
				"microservice.clients.echo.tls.bundle=client",
				"spring.ssl.bundle.pem.client.keystore.certificate=file:" + files.resolve("client.crt"),
				"spring.ssl.bundle.pem.client.keystore.private-key=file:" + files.resolve("client.key"))
			.run((context) -> {
				assertThat(echo(context).post("hello").getText()).isEqualTo("hello");
				assertThat(this.clientAppIds).containsExactly("caller");
			});
	}

	@Test
	void bundleOfAnotherCaRefusesTheServerAsUnavailable() throws IOException {
		int port = backend(TlsServerCredentials.ClientAuth.NONE).port();
		runner().withPropertyValues("microservice.clients.echo.address=dns:///localhost:" + port,
				"microservice.clients.echo.tls.bundle=other",
				"spring.ssl.bundle.pem.other.truststore.certificate=file:" + files.resolve("other-ca.crt"))
			.run((context) -> {
				assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> echo(context).post("hello"))
					.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
				assertThat(this.backend.calls()).isEmpty();
			});
	}

	@Test
	void httpsSidecarIsCheckedAgainstTheSidecarsBundle() throws IOException {
		int port = backend(TlsServerCredentials.ClientAuth.NONE).port();
		runner("DAPR_GRPC_ENDPOINT", "https://localhost:" + port)
			.withPropertyValues("microservice.client.sidecar-tls-bundle=client")
			.run((context) -> {
				assertThat(echo(context).post("hello").getText()).isEqualTo("hello");
				assertThat(this.backend.calls()).singleElement()
					.satisfies((call) -> assertThat(call.headers().get(DaprMetadata.APP_ID)).isEqualTo("echo"));
			});
	}

	@Test
	void unknownBundleStopsTheStartNamingTheTargetsSetting() {
		runner().withPropertyValues("microservice.clients.echo.address=dns:///localhost:1",
				"microservice.clients.echo.tls.bundle=missing")
			.run((context) -> assertInvalidSetting(context, "microservice.clients.echo.tls.bundle",
					"there is no SSL bundle named 'missing'."));
	}

	@Test
	void bundleWithoutATrustStoreStopsTheStart() {
		runner().withPropertyValues("microservice.clients.echo.address=dns:///localhost:1",
				"microservice.clients.echo.tls.bundle=keys-only",
				"spring.ssl.bundle.pem.keys-only.keystore.certificate=file:" + files.resolve("client.crt"),
				"spring.ssl.bundle.pem.keys-only.keystore.private-key=file:" + files.resolve("client.key"))
			.run((context) -> assertInvalidSetting(context, "microservice.clients.echo.tls.bundle",
					"SSL bundle 'keys-only' has no trust store"));
	}

	@Test
	void sidecarBundleWithAPlaintextEndpointStopsTheStart() {
		runner("DAPR_GRPC_PORT", "50001").withPropertyValues("microservice.client.sidecar-tls-bundle=client",
				"microservice.clients.echo.mode=sidecar")
			.run((context) -> assertInvalidSetting(context, "microservice.client.sidecar-tls-bundle",
					"which is plaintext"));
	}

	private static void assertInvalidSetting(AssertableApplicationContext context, String setting, String problem) {
		InvalidAppSettingException failure = StartupFailures.invalidSetting(context);
		assertThat(failure.getSetting()).isEqualTo(setting);
		assertThat(failure.getMessage()).contains(problem);
	}

}

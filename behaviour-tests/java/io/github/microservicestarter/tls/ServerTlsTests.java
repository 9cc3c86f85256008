package io.github.microservicestarter.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;

import javax.net.ssl.SSLException;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.InvalidAppSettingException;
import io.github.microservicestarter.test.StartupFailures;
import io.github.microservicestarter.server.LoopbackChannel;
import io.github.microservicestarter.server.ProbeService;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The server's TLS from Spring Boot SSL bundles, with real certificates made for the test: server
 * TLS from PEM and PKCS#12 bundles, mutual TLS with the client's identity in the call, handshakes
 * refused on both sides for the wrong CA or an expired certificate, and a certificate reloaded
 * without dropping open calls.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerTlsTests {

	private static final TestCertificates.Issued ca = TestCertificates.ca("test-ca");

	private static final TestCertificates.Issued otherCa = TestCertificates.ca("other-ca");

	@TempDir
	static Path files;

	@BeforeAll
	static void writeCertificates() {
		ca.writeCertificate(files.resolve("ca.crt"));
		TestCertificates.Issued server = ca.issue("server");
		server.writeCertificate(files.resolve("server.crt"));
		server.writeKey(files.resolve("server.key"));
		server.writePkcs12(files.resolve("server.p12"), "changeit");
		TestCertificates.Issued expired = ca.issueExpired("expired-server");
		expired.writeCertificate(files.resolve("expired.crt"));
		expired.writeKey(files.resolve("expired.key"));
	}

	/** A server whose probe answers with the caller's app id from its certificate, or "none". */
	private static ApplicationContextRunner server(String... properties) {
		return GrpcServerRunner.onFreePort()
			.withBean(ProbeService.class, () -> new ProbeService((request) -> {
				PeerIdentity peer = PeerIdentity.current();
				return (peer != null) ? peer.appId() : "none";
			}))
			.withPropertyValues("microservice.app-protocol=grpcs", "microservice.tls.bundle=server")
			.withPropertyValues(properties);
	}

	private static ApplicationContextRunner pemBundle(Path directory, String... properties) {
		return server("spring.ssl.bundle.pem.server.keystore.certificate=file:" + directory.resolve("server.crt"),
				"spring.ssl.bundle.pem.server.keystore.private-key=file:" + directory.resolve("server.key"),
				"spring.ssl.bundle.pem.server.truststore.certificate=file:" + directory.resolve("ca.crt"))
			.withPropertyValues(properties);
	}

	@Test
	void pemBundleServesTlsToClientsTrustingItsCaAndNothingInPlaintext() {
		pemBundle(files).run((context) -> {
			int port = GrpcServerRunner.localPort(context);
			try (TlsClient client = TlsClient.trusting(ca, port)) {
				assertThat(client.call()).isEqualTo("none");
				assertThat(client.serverCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=server");
			}
			try (LoopbackChannel plaintext = LoopbackChannel.plaintext(port)) {
				assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(plaintext::checkHealth)
					.extracting((ex) -> ex.getStatus().getCode())
					.isEqualTo(Status.Code.UNAVAILABLE);
			}
		});
	}

	@Test
	void pkcs12BundleServesTls() {
		server("spring.ssl.bundle.jks.server.keystore.location=file:" + files.resolve("server.p12"),
				"spring.ssl.bundle.jks.server.keystore.password=changeit",
				"spring.ssl.bundle.jks.server.keystore.type=PKCS12")
			.run((context) -> {
				try (TlsClient client = TlsClient.trusting(ca, GrpcServerRunner.localPort(context))) {
					assertThat(client.call()).isEqualTo("none");
				}
			});
	}

	@Test
	void clientTrustingAnotherCaFailsTheHandshakeAsUnavailableSayingWhy() {
		pemBundle(files).run((context) -> {
			try (TlsClient client = TlsClient.trusting(otherCa, GrpcServerRunner.localPort(context))) {
				StatusRuntimeException failure = catchHandshakeFailure(client);
				assertThat(failure).rootCause().hasMessageContaining("unable to find valid certification path");
			}
		});
	}

	@Test
	void mutualTlsGivesTheCallTheClientsAppId() {
		pemBundle(files, "microservice.tls.client-auth=require").run((context) -> {
			try (TlsClient client = TlsClient.withCertificate(ca, ca.issue("summator"),
					GrpcServerRunner.localPort(context))) {
				assertThat(client.call()).isEqualTo("summator");
			}
		});
	}

	@Test
	void mutualTlsTakesTheAppIdFromASpiffeId() {
		TestCertificates.Issued workload = ca.issue("ignored-common-name", "spiffe://cluster.local/ns/default/summator",
				Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
		pemBundle(files, "microservice.tls.client-auth=require").run((context) -> {
			try (TlsClient client = TlsClient.withCertificate(ca, workload, GrpcServerRunner.localPort(context))) {
				assertThat(client.call()).isEqualTo("summator");
			}
		});
	}

	@Test
	void mutualTlsRefusesClientsWithoutACertificate() {
		pemBundle(files, "microservice.tls.client-auth=require").run((context) -> {
			try (TlsClient client = TlsClient.trusting(ca, GrpcServerRunner.localPort(context))) {
				catchHandshakeFailure(client);
			}
		});
	}

	@Test
	void mutualTlsRefusesCertificatesOfAnotherCaAndTheServerLogsWhose(CapturedOutput output) {
		pemBundle(files, "microservice.tls.client-auth=require").run((context) -> {
			try (TlsClient client = TlsClient.withCertificate(ca, otherCa.issue("intruder"),
					GrpcServerRunner.localPort(context))) {
				catchHandshakeFailure(client);
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output.getOut())
					.contains("Refused the TLS client certificate of", "(CN=intruder)"));
		});
	}

	@Test
	void mutualTlsRefusesExpiredClientCertificatesAndTheServerLogsWhy(CapturedOutput output) {
		pemBundle(files, "microservice.tls.client-auth=require").run((context) -> {
			try (TlsClient client = TlsClient.withCertificate(ca, ca.issueExpired("summator"),
					GrpcServerRunner.localPort(context))) {
				catchHandshakeFailure(client);
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output.getOut()).contains("(CN=summator)", "validity check failed"));
		});
	}

	@Test
	void optionalClientAuthAnswersClientsWithAndWithoutCertificates() {
		pemBundle(files, "microservice.tls.client-auth=optional").run((context) -> {
			int port = GrpcServerRunner.localPort(context);
			try (TlsClient anonymous = TlsClient.trusting(ca, port);
					TlsClient summator = TlsClient.withCertificate(ca, ca.issue("summator"), port)) {
				assertThat(anonymous.call()).isEqualTo("none");
				assertThat(summator.call()).isEqualTo("summator");
			}
		});
	}

	@Test
	void reloadedCertificateServesNewConnectionsWhileOpenCallsGoOn(@TempDir Path rotating) throws Exception {
		ca.writeCertificate(rotating.resolve("ca.crt"));
		TestCertificates.Issued first = ca.issue("server-1");
		first.writeCertificate(rotating.resolve("server.crt"));
		first.writeKey(rotating.resolve("server.key"));
		pemBundle(rotating, "spring.ssl.bundle.pem.server.reload-on-update=true",
				"spring.ssl.bundle.watch.file.quiet-period=100ms")
			.run((context) -> {
				int port = GrpcServerRunner.localPort(context);
				try (TlsClient before = TlsClient.trusting(ca, port)) {
					Iterator<HealthCheckResponse> openCall = HealthGrpc.newBlockingStub(before.channel())
						.watch(HealthCheckRequest.getDefaultInstance());
					assertThat(openCall.next().getStatus()).isEqualTo(ServingStatus.SERVING);

					TestCertificates.Issued second = ca.issue("server-2");
					second.writeKey(rotating.resolve("server.key"));
					second.writeCertificate(rotating.resolve("server.crt"));
					await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
						try (TlsClient after = TlsClient.trusting(ca, port)) {
							after.call();
							assertThat(after.serverCertificate().getSubjectX500Principal().getName())
								.isEqualTo("CN=server-2");
						}
					});
					// The connection opened before the reload still carries calls, on its first certificate.
					assertThat(before.call()).isEqualTo("none");
					assertThat(before.serverCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=server-1");
					context.getBean(HealthStatusManager.class)
						.setStatus("", ServingStatus.NOT_SERVING);
					assertThat(openCall.next().getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
				}
			});
	}

	@Test
	void expiredServerCertificateStopsTheStartNamingTheBundle() {
		InvalidAppSettingException analysis = StartupFailures.invalidSetting(
				server("spring.ssl.bundle.pem.server.keystore.certificate=file:" + files.resolve("expired.crt"),
						"spring.ssl.bundle.pem.server.keystore.private-key=file:" + files.resolve("expired.key")));
		assertThat(analysis.getSetting()).isEqualTo("microservice.tls.bundle");
		assertThat(analysis.getMessage()).startsWith("the server's certificate in SSL bundle 'server' (CN=expired-server)"
				+ " is valid from")
			.endsWith("only, so every TLS client would refuse it.");
		assertThat(analysis.getAction()).startsWith("Renew the certificate");
	}

	@Test
	void unknownBundleStopsTheStartNamingIt() {
		InvalidAppSettingException analysis = StartupFailures.invalidSetting(server());
		assertThat(analysis.getSetting()).isEqualTo("microservice.tls.bundle");
		assertThat(analysis.getMessage()).isEqualTo("there is no SSL bundle named 'server'.");
		assertThat(analysis.getAction()).startsWith("Define the bundle under spring.ssl.bundle.pem.server");
	}

	@Test
	void clientCertificatesWithoutATrustStoreStopTheStart() {
		InvalidAppSettingException analysis = StartupFailures.invalidSetting(server(
				"spring.ssl.bundle.pem.server.keystore.certificate=file:" + files.resolve("server.crt"),
				"spring.ssl.bundle.pem.server.keystore.private-key=file:" + files.resolve("server.key"),
				"microservice.tls.client-auth=require"));
		assertThat(analysis.getSetting()).isEqualTo("microservice.tls.client-auth");
		assertThat(analysis.getMessage()).contains("SSL bundle 'server' has no trust store");
		assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.server.truststore.certificate");
	}

	@Test
	void clientCertificatesOnPlaintextStopTheStart() {
		InvalidAppSettingException analysis = StartupFailures.invalidSetting(GrpcServerRunner.onFreePort()
			.withPropertyValues("microservice.tls.client-auth=require"));
		assertThat(analysis.getSetting()).isEqualTo("microservice.tls.client-auth");
		assertThat(analysis.getMessage()).isEqualTo("it asks clients for certificates, but microservice.app-protocol is"
				+ " grpc, which has no TLS to ask them in.");
	}

	@Test
	void bundleAndPemFilesTogetherStopTheStart() {
		InvalidAppSettingException analysis = StartupFailures.invalidSetting(pemBundle(files,
				"microservice.tls.certificate=file:" + files.resolve("server.crt"),
				"microservice.tls.private-key=file:" + files.resolve("server.key")));
		assertThat(analysis.getSetting()).isEqualTo("microservice.tls.bundle");
		assertThat(analysis.getMessage()).startsWith("it is set, and so are microservice.tls.certificate and"
				+ " microservice.tls.private-key");
	}

	private static StatusRuntimeException catchHandshakeFailure(TlsClient client) {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class, client::call);
		assertThat(failure).as("a call over a refused handshake").isNotNull();
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		Throwable cause = failure.getCause();
		while (cause != null && !(cause instanceof SSLException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("the TLS failure behind it").isInstanceOf(SSLException.class);
		return failure;
	}

}

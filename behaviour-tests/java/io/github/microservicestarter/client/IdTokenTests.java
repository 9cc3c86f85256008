package io.github.microservicestarter.client;

import java.time.Duration;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.server.EnvironmentVariables;
import io.github.microservicestarter.server.InvalidAppSettingException;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cloud Run's service-to-service authentication, end to end on loopback: a target with
 * {@code id-token.audience} gets, on every direct call, a Google ID token for that audience from
 * the metadata server (here a fake one over real HTTP, signing with a key of its own), and a TLS
 * server that verifies the token's signature, audience and expiry, as Cloud Run's front end does,
 * lets the calls through.
 */
class IdTokenTests {

	private static final String AUDIENCE = "https://echo-123456789.europe-west1.run.app";

	private FakeMetadataServer metadataServer;

	private IdTokenVerifier verifier;

	private EchoBackend backend;

	private TestCaTrust trust;

	@BeforeEach
	void start() throws Exception {
		this.metadataServer = FakeMetadataServer.start();
		this.verifier = new IdTokenVerifier(this.metadataServer.verificationKey(), AUDIENCE);
		this.backend = EchoBackend.start("echo", TestCaTrust.localhostCertificate(), this.verifier);
		this.trust = TestCaTrust.trusted();
	}

	@AfterEach
	void stop() throws Exception {
		this.trust.close();
		this.backend.close();
		this.metadataServer.close();
	}

	/** An app calling 'echo' at its https:// address with an ID token for the audience. */
	private ApplicationContextRunner runner(String audience) {
		return SidecarClientRunner.withEnvironment("GCE_METADATA_HOST", this.metadataServer.host())
			.withPropertyValues("microservice.clients.echo.address=https://localhost:" + this.backend.port(),
					"microservice.clients.echo.id-token.audience=" + audience);
	}

	private static EchoClient echo(ApplicationContext context) {
		return new EchoClient(context.getBean(SidecarChannels.class).channel("echo"));
	}

	@Test
	void callCarriesAnIdTokenForTheAudienceThatTheServerVerifies() {
		runner(AUDIENCE).run((context) -> {
			assertThat(echo(context).post("hello").getText()).isEqualTo("hello");
			assertThat(this.verifier.acceptedTokens()).hasSize(1);
			assertThat(this.metadataServer.requests()).singleElement().satisfies((request) -> {
				assertThat(request.path()).isEqualTo(FakeMetadataServer.IDENTITY_PATH);
				assertThat(request.metadataFlavor()).isEqualTo("Google");
				assertThat(request.audience()).isEqualTo(AUDIENCE);
			});
		});
	}

	@Test
	void tokenIsFetchedOnceAndReusedWhileItIsValid() {
		runner(AUDIENCE).run((context) -> {
			EchoClient echo = echo(context);
			for (int i = 0; i < 3; i++) {
				echo.post("hello");
			}
			assertThat(this.metadataServer.requests()).hasSize(1);
			assertThat(this.verifier.acceptedTokens()).hasSize(3).containsOnly(this.verifier.acceptedTokens().get(0));
		});
	}

	@Test
	void tokenCloseToItsExpiryIsReplacedBeforeTheNextCall() {
		// Valid for a minute: inside the five minutes before expiry in which a token is replaced.
		this.metadataServer.issueTokensValidFor(Duration.ofMinutes(1));
		runner(AUDIENCE).run((context) -> {
			EchoClient echo = echo(context);
			echo.post("hello");
			echo.post("hello");
			assertThat(this.metadataServer.requests()).hasSize(2);
			assertThat(this.verifier.acceptedTokens()).hasSize(2);
		});
	}

	@Test
	void refreshBeforeSetsHowCloseToItsExpiryATokenIsReplaced() {
		this.metadataServer.issueTokensValidFor(Duration.ofMinutes(1));
		runner(AUDIENCE).withPropertyValues("microservice.client.id-token.refresh-before=10s").run((context) -> {
			EchoClient echo = echo(context);
			echo.post("hello");
			echo.post("hello");
			assertThat(this.metadataServer.requests()).hasSize(1);
		});
	}

	@Test
	void tokenForAnotherAudienceIsRefusedByTheServer() {
		runner("https://another-service.run.app").run((context) -> {
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> echo(context).post("hello"))
				.satisfies((ex) -> {
					assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
					assertThat(ex.getStatus().getDescription())
						.isEqualTo("audience https://another-service.run.app is not " + AUDIENCE);
				});
			assertThat(this.metadataServer.requests()).singleElement()
				.satisfies((request) -> assertThat(request.audience()).isEqualTo("https://another-service.run.app"));
		});
	}

	@Test
	void callWithoutATokenFailsUnauthenticatedNamingTheAppAndIsNeverSent() {
		this.metadataServer.failWith(500);
		runner(AUDIENCE).run((context) -> {
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> echo(context).post("hello"))
				.satisfies((ex) -> {
					assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
					assertThat(ex.getStatus().getDescription())
						.isEqualTo("No ID token for the call to app 'echo' (audience " + AUDIENCE
								+ "): the metadata server at " + this.metadataServer.host() + " answered HTTP 500");
				});
			assertThat(this.backend.calls()).isEmpty();
		});
	}

	@Test
	void metadataServerThatCannotBeReachedFailsTheCallSayingWhereToSetIt() throws Exception {
		String host = this.metadataServer.host();
		this.metadataServer.close();
		runner(AUDIENCE).run((context) -> {
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> echo(context).post("hello"))
				.satisfies((ex) -> {
					assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
					assertThat(ex.getStatus().getDescription()).isEqualTo("No ID token for the call to app 'echo'"
							+ " (audience " + AUDIENCE + "): the metadata server at " + host + " cannot be reached"
							+ " (outside Google Cloud, set GCE_METADATA_HOST or"
							+ " microservice.client.id-token.metadata-host)");
				});
			assertThat(this.backend.calls()).isEmpty();
		});
	}

	@Test
	void metadataHostPropertyWinsOverTheEnvironmentVariable() {
		runner(AUDIENCE).withPropertyValues("microservice.client.id-token.metadata-host=" + this.metadataServer.host())
			.withInitializer(EnvironmentVariables.of("GCE_METADATA_HOST", "127.0.0.1:9"))
			.run((context) -> assertThat(echo(context).post("hello").getText()).isEqualTo("hello"));
	}

	@Test
	void targetWithoutAnAudienceSendsNoToken() {
		SidecarClientRunner.withEnvironment("GCE_METADATA_HOST", this.metadataServer.host())
			.withPropertyValues("microservice.clients.echo.address=https://localhost:" + this.backend.port())
			.run((context) -> {
				assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> echo(context).post("hello"))
					.satisfies((ex) -> assertThat(ex.getStatus().getDescription()).isEqualTo("no bearer token"));
				assertThat(this.metadataServer.requests()).isEmpty();
			});
	}

	@Test
	void sidecarModeSendsNoTokenTheSidecarAuthenticatesTheCall() throws Exception {
		try (EchoBackend sidecar = EchoBackend.start("sidecar")) {
			SidecarClientRunner.withEnvironment("GCE_METADATA_HOST", this.metadataServer.host())
				.withPropertyValues("microservice.client.mode=sidecar",
						"microservice.client.sidecar-endpoint=" + sidecar.address(),
						"microservice.clients.echo.id-token.audience=" + AUDIENCE)
				.run((context) -> {
					echo(context).post("hello");
					assertThat(sidecar.calls()).singleElement()
						.satisfies((call) -> assertThat(call.applicationHeaders()).doesNotContainKey("authorization"));
					assertThat(this.metadataServer.requests()).isEmpty();
				});
		}
	}

	@Test
	void audienceOnAPlaintextTargetStopsTheApp() {
		SidecarClientRunner.withEnvironment()
			.withPropertyValues("microservice.clients.echo.address=static://localhost:50051",
					"microservice.clients.echo.id-token.audience=" + AUDIENCE)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidAppSettingException.class)
					.hasMessage("Calls to app 'echo' would carry an ID token in plaintext to static://localhost:50051:"
							+ " anyone on the way could read it and call as this app.")
					.extracting((ex) -> ((InvalidAppSettingException) ex).getSetting())
					.isEqualTo("microservice.clients.echo.id-token.audience");
			});
	}

}

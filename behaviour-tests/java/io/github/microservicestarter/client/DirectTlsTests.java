package io.github.microservicestarter.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.server.InvalidAppSettingException;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Direct mode over TLS, as calls to a Cloud Run URL need it: an https:// address, or
 * {@code tls: true}, makes the client speak TLS to a real TLS server, trusting what the JDK
 * trusts and checking the server's name.
 */
class DirectTlsTests {

	private EchoBackend backend;

	@BeforeEach
	void startBackend() throws Exception {
		this.backend = EchoBackend.start("tls", TestCaTrust.localhostCertificate());
	}

	@AfterEach
	void stopBackend() throws Exception {
		this.backend.close();
	}

	private ApplicationContextRunner runner(String... properties) {
		return SidecarClientRunner.withEnvironment().withPropertyValues(properties);
	}

	private static EchoClient echo(ApplicationContext context) {
		return new EchoClient(context.getBean(SidecarChannels.class).channel("echo"));
	}

	@Test
	void httpsAddressCallsOverTlsTrustingTheJdkTrustStore() {
		try (TestCaTrust trust = TestCaTrust.trusted()) {
			runner("microservice.clients.echo.address=https://localhost:" + this.backend.port()).run((context) -> {
				assertThat(echo(context).post("hello").getText()).isEqualTo("hello");
				assertThat(context.getBean(SidecarClientTargets.class).targets()).singleElement()
					.satisfies((target) -> assertThat(target.address())
						.isEqualTo("dns:///localhost:" + this.backend.port()));
			});
		}
	}

	@Test
	void tlsPropertyCallsADnsAddressOverTls() {
		try (TestCaTrust trust = TestCaTrust.trusted()) {
			runner("microservice.clients.echo.address=dns:///localhost:" + this.backend.port(),
					"microservice.clients.echo.tls.enabled=true")
				.run((context) -> assertThat(echo(context).post("hello").getText()).isEqualTo("hello"));
		}
	}

	@Test
	void serverTheJdkDoesNotTrustIsUnavailable() {
		runner("microservice.clients.echo.address=https://localhost:" + this.backend.port(),
				"microservice.client.detailed-errors=true").run((context) -> {
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> echo(context).post("hello"))
				.satisfies((ex) -> {
					assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
					assertThat(ex.getStatus().getDescription()).startsWith("App 'echo' is unavailable (direct to dns:///localhost:"
							+ this.backend.port() + " over TLS): ");
				});
			assertThat(this.backend.calls()).isEmpty();
		});
	}

	@Test
	void plaintextAddressStaysPlaintextAndCannotCallATlsServer() {
		runner("microservice.clients.echo.address=static://localhost:" + this.backend.port()).run((context) -> {
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> echo(context).post("hello"))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
			assertThat(this.backend.calls()).isEmpty();
		});
	}

	@Test
	void httpsAddressWithAPathStopsTheApp() {
		runner("microservice.clients.echo.address=https://localhost/echo").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidAppSettingException.class)
				.hasMessageContaining("'https://localhost/echo' is not an https:// address of a host")
				.extracting((ex) -> ((InvalidAppSettingException) ex).getSetting())
				.isEqualTo("microservice.clients.echo.address");
		});
	}

}

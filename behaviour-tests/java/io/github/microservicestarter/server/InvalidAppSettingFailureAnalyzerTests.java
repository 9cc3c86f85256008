package io.github.microservicestarter.server;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.microservicestarter.tls.ServerTlsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every setting that cannot work stops the start with an analysis naming the setting and its fix.
 */
class InvalidAppSettingFailureAnalyzerTests {

	private static final String CERTIFICATE = "microservice.tls.certificate=classpath:tls/server.crt";

	private static final String PRIVATE_KEY = "microservice.tls.private-key=classpath:tls/server.key";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(EnvironmentVariables.of())
		.withConfiguration(AutoConfigurations.of(AppServerAutoConfiguration.class, ServerTlsAutoConfiguration.class,
				SslAutoConfiguration.class));

	@ParameterizedTest
	@ValueSource(strings = { "http", "https", "h2c" })
	void daprProtocolsOtherThanGrpcAreRefusedAsNotServedWithTheSidecarFix(String protocol) {
		FailureAnalysis analysis = startupFailureAnalysis("microservice.app-protocol=" + protocol);
		assertThat(analysis.getDescription()).startsWith("Invalid value for microservice.app-protocol: '" + protocol
				+ "' is a Dapr app protocol that this starter does not serve: it serves gRPC only");
		assertThat(analysis.getAction()).contains("Set microservice.app-protocol to grpc", "or grpcs",
				"--app-protocol grpc");
	}

	@Test
	void unknownProtocolIsRefusedWithTheKnownOnes() {
		FailureAnalysis analysis = startupFailureAnalysis("microservice.app-protocol=thrift");
		assertThat(analysis.getDescription()).isEqualTo(
				"Invalid value for microservice.app-protocol: 'thrift' is not a protocol; the known ones are [grpc, grpcs].");
		assertThat(analysis.getAction()).startsWith("Set microservice.app-protocol to grpc (plaintext HTTP/2) or grpcs");
	}

	@Test
	void grpcsWithoutCertificateNamesTheCertificateProperty() {
		FailureAnalysis analysis = startupFailureAnalysis("microservice.app-protocol=grpcs", PRIVATE_KEY);
		assertThat(analysis.getDescription()).isEqualTo("Invalid value for microservice.tls.certificate:"
				+ " microservice.app-protocol is grpcs, which needs a PEM file here, and none is set.");
		assertThat(analysis.getAction()).startsWith("Set microservice.tls.certificate to the PEM file");
	}

	@Test
	void grpcsWithoutPrivateKeyNamesTheKeyProperty() {
		FailureAnalysis analysis = startupFailureAnalysis("microservice.app-protocol=grpcs", CERTIFICATE);
		assertThat(analysis.getDescription()).startsWith("Invalid value for microservice.tls.private-key:")
			.contains("none is set");
		assertThat(analysis.getAction()).startsWith("Set microservice.tls.private-key to the PEM file");
	}

	@Test
	void unreadableCertificateNamesThePropertyAndTheFile() {
		FailureAnalysis analysis = startupFailureAnalysis("microservice.app-protocol=grpcs",
				"microservice.tls.certificate=file:/nonexistent/tls.crt", PRIVATE_KEY);
		assertThat(analysis.getDescription()).startsWith("Invalid value for microservice.tls.certificate: cannot read")
			.contains("/nonexistent/tls.crt");
		assertThat(analysis.getAction()).contains("Check that the file exists", "microservice.tls.certificate");
	}

	@Test
	void certificateThatIsNotPemNamesTheCertificateProperty() {
		FailureAnalysis analysis = startupFailureAnalysis("microservice.app-protocol=grpcs",
				"microservice.tls.certificate=classpath:tls/not-pem.txt", PRIVATE_KEY);
		assertThat(analysis.getDescription()).startsWith("Invalid value for microservice.tls.certificate:")
			.contains("not-pem.txt", "is not a PEM certificate chain");
		assertThat(analysis.getAction()).startsWith("Point microservice.tls.certificate at a PEM file");
	}

	@Test
	void privateKeyThatIsNotPemNamesTheKeyProperty() {
		FailureAnalysis analysis = startupFailureAnalysis("microservice.app-protocol=grpcs", CERTIFICATE,
				"microservice.tls.private-key=classpath:tls/not-pem.txt");
		assertThat(analysis.getDescription()).startsWith("Invalid value for microservice.tls.private-key:")
			.contains("not-pem.txt", "is not a PEM private key");
		assertThat(analysis.getAction()).startsWith("Point microservice.tls.private-key at the PEM private key");
	}

	@ParameterizedTest
	@ValueSource(ints = { 70000, -5 })
	void appPortOutsideThePortRangeIsRefused(int port) {
		FailureAnalysis analysis = startupFailureAnalysis("microservice.app-port=" + port);
		assertThat(analysis.getDescription()).isEqualTo(
				"Invalid value for microservice.app-port: " + port + " is outside the port range 0-65535.");
		assertThat(analysis.getAction()).isEqualTo("Set microservice.app-port to a port from 1 to 65535,"
				+ " or to 0 to listen on a free port chosen at startup.");
	}

	@Test
	void portVariableThatIsNotANumberNamesTheVariable() {
		FailureAnalysis analysis = startupFailureAnalysis(EnvironmentVariables.of("PORT", "abc"));
		assertThat(analysis.getDescription())
			.isEqualTo("Invalid value for the PORT environment variable: 'abc' is not a port number.");
		assertThat(analysis.getAction()).startsWith("Set the PORT environment variable to a port from 1 to 65535")
			.endsWith("microservice.app-port, when set, takes precedence over it.");
	}

	@Test
	void appPortVariableOutsideThePortRangeNamesTheVariable() {
		FailureAnalysis analysis = startupFailureAnalysis(EnvironmentVariables.of("APP_PORT", "65536"));
		assertThat(analysis.getDescription()).isEqualTo(
				"Invalid value for the APP_PORT environment variable: 65536 is outside the port range 0-65535.");
		assertThat(analysis.getAction()).startsWith("Set the APP_PORT environment variable to a port");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -2 })
	void executorWithoutThreadsIsRefused(int threads) {
		FailureAnalysis analysis = startupFailureAnalysis("microservice.server.executor.threads=" + threads);
		assertThat(analysis.getDescription()).isEqualTo("Invalid value for microservice.server.executor.threads: "
				+ threads + " is not a number of threads: the pool needs at least 1.");
		assertThat(analysis.getAction()).startsWith("Set microservice.server.executor.threads to 1 or more");
	}

	private FailureAnalysis startupFailureAnalysis(String... properties) {
		return startupFailureAnalysis(this.runner.withPropertyValues(properties));
	}

	private FailureAnalysis startupFailureAnalysis(
			ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables) {
		return startupFailureAnalysis(this.runner.withInitializer(environmentVariables));
	}

	private static FailureAnalysis startupFailureAnalysis(ApplicationContextRunner runner) {
		AtomicReference<FailureAnalysis> analysis = new AtomicReference<>();
		runner.run((context) -> {
			assertThat(context).hasFailed();
			analysis.set(new InvalidAppSettingFailureAnalyzer().analyze(context.getStartupFailure()));
		});
		assertThat(analysis.get()).isNotNull();
		return analysis.get();
	}

}

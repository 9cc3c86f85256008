package io.github.microservicestarter.client;

import io.grpc.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An app id whose calls go direct but that has no address fails the start, naming the property
 * to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownTargetAppTests {

	@Test
	void injectedAppIdWithoutAddressFailsTheStartWithTheAddressProperty() {
		SidecarClientRunner.withEnvironment().withUserConfiguration(NeedsUsers.class).run((context) -> {
			FailureAnalysis analysis = new UnknownTargetAppFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("No address for app 'users': its calls go direct (mode auto:"
					+ " neither DAPR_GRPC_ENDPOINT nor DAPR_GRPC_PORT is set) and microservice.clients.users.address"
					+ " is not set.");
			assertThat(analysis.getAction()).startsWith("Set microservice.clients.users.address to where 'users' listens")
				.contains("microservice.client.mode (or microservice.clients.users.mode) to sidecar");
		});
	}

	@Test
	void appIdAskedForAtRunTimeWithoutAddressFailsThatCall() {
		SidecarClientRunner.withEnvironment().run((context) -> assertThatException()
			.isThrownBy(() -> context.getBean(SidecarChannels.class).channel("users"))
			.isInstanceOf(UnknownTargetAppException.class)
			.withMessageContaining("microservice.clients.users.address is not set"));
	}

	@Test
	void malformedStaticAddressFailsTheStartNamingTheProperty() {
		SidecarClientRunner.withEnvironment()
			.withPropertyValues("microservice.clients.users.address=static://10.0.0.1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("'static://10.0.0.1' is not a static address list: '10.0.0.1' is not host:port with a port"
						+ " from 1 to 65535."));
	}

	@Test
	void realStartShowsTheAnalysisAndNoStackTrace(CapturedOutput output) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--microservice.app-port=0"));
		assertThat(output).contains("APPLICATION FAILED TO START", "No address for app 'users'",
				"Set microservice.clients.users.address to");
		assertThat(output).doesNotContain("\tat ");
	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsUsers {

		@SidecarClient("users")
		Channel users;

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(NeedsUsers.class)
	static class App {

	}

}

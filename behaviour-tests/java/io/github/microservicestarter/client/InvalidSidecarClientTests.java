package io.github.microservicestarter.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.stub.AbstractStub;
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
 * A {@link SidecarClient} of a type the client cannot make fails the start, naming the injection
 * point and the types it can be.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidSidecarClientTests {

	@Test
	void fieldThatIsNeitherChannelNorStubFailsTheStartNamingTheField() {
		SidecarClientRunner.withEnvironment().withUserConfiguration(NeedsText.class).run((context) -> {
			FailureAnalysis analysis = new InvalidSidecarClientFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("Invalid sidecar client field 'users' of "
					+ NeedsText.class.getName() + ": @SidecarClient(\"users\") injects an io.grpc.Channel or a gRPC"
					+ " stub, not java.lang.String");
			assertThat(analysis.getAction()).startsWith("Declare it as io.grpc.Channel or as a stub class");
		});
	}

	@Test
	void constructorParameterOfAStubNotGeneratedFailsTheStartNamingTheParameter() {
		SidecarClientRunner.withEnvironment().withBean(NeedsHandMadeStub.class).run((context) -> {
			FailureAnalysis analysis = new InvalidSidecarClientFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("Invalid sidecar client parameter 0 of the constructor of "
					+ NeedsHandMadeStub.class.getName() + ": " + HandMadeStub.class.getName() + " is not a stub of"
					+ " grpc-java's generated code: it is not nested in a *Grpc class with a static factory of it"
					+ " taking a Channel");
			assertThat(analysis.getAction()).startsWith("Ask for a stub class nested in a generated *Grpc class");
		});
	}

	@Test
	void stubAskedForAtRunTimeThatIsNotGeneratedFailsNamingTheCall() {
		SidecarClientRunner.withEnvironment().run((context) -> assertThatException()
			.isThrownBy(() -> context.getBean(SidecarChannels.class).stub("users", HandMadeStub.class))
			.isInstanceOf(InvalidSidecarClientException.class)
			.withMessageStartingWith("SidecarChannels.stub(\"users\", " + HandMadeStub.class.getName() + ".class): "));
	}

	@Test
	void realStartShowsTheAnalysisAndNoStackTrace(CapturedOutput output) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--microservice.app-port=0"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Invalid sidecar client field 'users' of " + NeedsText.class.getName(),
				"Declare it as io.grpc.Channel or as a stub class");
		assertThat(output).doesNotContain("\tat ");
	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsText {

		@SidecarClient("users")
		String users;

	}

	static class NeedsHandMadeStub {

		NeedsHandMadeStub(@SidecarClient("users") HandMadeStub users) {
		}

	}

	/** A stub written by hand: no generated class creates it. */
	static class HandMadeStub extends AbstractStub<HandMadeStub> {

		HandMadeStub(Channel channel, CallOptions callOptions) {
			super(channel, callOptions);
		}

		@Override
		protected HandMadeStub build(Channel channel, CallOptions callOptions) {
			return new HandMadeStub(channel, callOptions);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(NeedsText.class)
	static class App {

	}

}

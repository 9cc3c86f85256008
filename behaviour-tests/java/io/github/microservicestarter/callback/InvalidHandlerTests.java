package io.github.microservicestarter.callback;

import org.junit.jupiter.api.Test;

import io.github.microservicestarter.test.BootAutoConfigurations;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ill-formed handler stops startup with a failure analysis naming the method and the fix.
 */
class InvalidHandlerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(BootAutoConfigurations.json())
		.withConfiguration(AutoConfigurations.of(CallbackAutoConfiguration.class));

	@Test
	void twoHandlersForTheSameTopicNameBothMethods() {
		FailureAnalysis analysis = analyze(TwoOrderHandlers.class);
		assertThat(analysis.getDescription()).contains("TwoOrderHandlers.second(String)", "topic 'orders'",
				"pubsub 'pubsub'", "TwoOrderHandlers.first(String)");
		assertThat(analysis.getAction()).contains("match");
	}

	@Test
	void twoHandlersForTheSameInvokedMethodNameIt() {
		FailureAnalysis analysis = analyze(TwoEchoHandlers.class);
		assertThat(analysis.getDescription()).contains("invoked method 'EchoMethod' already has a handler");
	}

	@Test
	void parameterTheHandlerCannotGetNamesItsType() {
		FailureAnalysis analysis = analyze(BindingWantsCloudEvent.class);
		assertThat(analysis.getDescription()).contains("BindingWantsCloudEvent.stored(String, CloudEvent)",
				"takes a CloudEvent");
		assertThat(analysis.getAction()).contains("BindingContext");
	}

	@Test
	void twoDataParametersAreRefused() {
		FailureAnalysis analysis = analyze(TwoDataParameters.class);
		assertThat(analysis.getDescription()).contains("two of its parameters would take the data");
	}

	@Test
	void differentDeadLetterTopicsForOneTopicAreRefused() {
		FailureAnalysis analysis = analyze(TwoDeadLetterTopics.class);
		assertThat(analysis.getDescription()).contains("different dead-letter topics", "[dead-a, dead-b]");
	}

	@Test
	void metadataThatIsNotKeyValueIsRefused() {
		FailureAnalysis analysis = analyze(BadMetadata.class);
		assertThat(analysis.getDescription()).contains("'rawPayload' is not key=value");
	}

	private FailureAnalysis analyze(Class<?> handlers) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.runner.withUserConfiguration(handlers).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidDaprHandlerFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("failure analysis").isNotNull();
		return analysis[0];
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoOrderHandlers {

		@DaprTopicHandler(pubsub = "pubsub", topic = "orders")
		void first(String order) {
		}

		@DaprTopicHandler(pubsub = "pubsub", topic = "orders")
		void second(String order) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoEchoHandlers {

		@Bean
		EchoHandler one() {
			return new EchoHandler();
		}

		@Bean
		EchoHandler two() {
			return new EchoHandler();
		}

	}

	static class EchoHandler {

		@DaprInvokeHandler("EchoMethod")
		String echo() {
			return "pong";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BindingWantsCloudEvent {

		@DaprBindingHandler("storage")
		void stored(String data, CloudEvent event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataParameters {

		@DaprInvokeHandler("Sum")
		double sum(double a, double b) {
			return a + b;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDeadLetterTopics {

		@DaprTopicHandler(pubsub = "pubsub", topic = "orders", deadLetterTopic = "dead-a")
		void all(String order) {
		}

		@DaprTopicHandler(pubsub = "pubsub", topic = "orders", match = "event.type == \"big\"",
				deadLetterTopic = "dead-b")
		void big(String order) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadMetadata {

		@DaprTopicHandler(pubsub = "pubsub", topic = "orders", metadata = "rawPayload")
		void order(String order) {
		}

	}

}

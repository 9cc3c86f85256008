package io.github.microservicestarter.server;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app id: microservice.app-id, else spring.application.name, else Dapr's APP_ID variable.
 */
class AppIdTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(EnvironmentVariables.of("APP_ID", "dapr-id"))
		.withConfiguration(AutoConfigurations.of(AppServerAutoConfiguration.class));

	@Test
	void appIdDefaultsToTheSpringApplicationName() {
		this.runner.withPropertyValues("spring.application.name=billing")
			.run((context) -> assertThat(context.getBean(AppServerSettings.class).appId()).isEqualTo("billing"));
	}

	@Test
	void appIdPropertyOverridesTheSpringApplicationName() {
		this.runner.withPropertyValues("spring.application.name=billing", "microservice.app-id=invoices")
			.run((context) -> assertThat(context.getBean(AppServerSettings.class).appId()).isEqualTo("invoices"));
	}

	@Test
	void withoutApplicationNameTheAppIdIsTheDaprAppIdVariable() {
		this.runner.run((context) -> assertThat(context.getBean(AppServerSettings.class).appId()).isEqualTo("dapr-id"));
	}

}

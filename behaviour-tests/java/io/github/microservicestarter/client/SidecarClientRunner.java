package io.github.microservicestarter.client;

import io.github.microservicestarter.server.AppServerAutoConfiguration;
import io.github.microservicestarter.server.EnvironmentVariables;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Context runners with the sidecar client's auto-configuration, as an app named "caller", with
 * exactly the environment variables a test gives.
 */
final class SidecarClientRunner {

	private SidecarClientRunner() {
	}

	/**
	 * A runner.
	 * @param environmentVariables variable names and values, alternating
	 * @return the runner
	 */
	static ApplicationContextRunner withEnvironment(String... environmentVariables) {
		return new ApplicationContextRunner().withInitializer(EnvironmentVariables.of(environmentVariables))
			.withConfiguration(
					AutoConfigurations.of(AppServerAutoConfiguration.class, SidecarClientAutoConfiguration.class))
			.withPropertyValues("spring.application.name=caller");
	}

}

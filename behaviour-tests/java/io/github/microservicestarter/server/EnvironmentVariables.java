package io.github.microservicestarter.server;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Simulated environment variables: replaces the context's system environment property source, the
 * way Spring sees real ones, so tests neither set nor depend on the variables of the process.
 */
public final class EnvironmentVariables {

	private EnvironmentVariables() {
	}

	/**
	 * An initializer that gives the context exactly these environment variables.
	 * @param nameValuePairs variable names and values, alternating
	 * @return the initializer
	 */
	public static ApplicationContextInitializer<ConfigurableApplicationContext> of(String... nameValuePairs) {
		Map<String, Object> variables = new LinkedHashMap<>();
		for (int i = 0; i < nameValuePairs.length; i += 2) {
			variables.put(nameValuePairs[i], nameValuePairs[i + 1]);
		}
		String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.replace(name, new SystemEnvironmentPropertySource(name, variables));
	}

}

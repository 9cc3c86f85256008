package io.github.microservicestarter.dapr;

import java.util.ArrayList;
import java.util.List;

import io.github.microservicestarter.server.EnvironmentVariables;
import io.github.microservicestarter.server.GrpcServerRunner;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Apps that run beside real sidecars for a whole test class: started as a user's app starts, with
 * every auto-configuration of the class path, on a free port, with no environment variables (the
 * build's own, such as a DAPR_GRPC_PORT, would change what the app does).
 */
final class TestApps {

	private TestApps() {
	}

	/**
	 * Starts an app.
	 * @param configuration its {@code @SpringBootConfiguration} class
	 * @param appId its app id
	 * @param properties further properties, {@code name=value}
	 * @return the running app; close it when done
	 */
	static ConfigurableApplicationContext start(Class<?> configuration, String appId, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.application.name=" + appId, "microservice.app-port=0",
				// gRPC only: an actuator on HTTP would need a port of its own.
				"spring.main.web-application-type=none", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(configuration).initializers(EnvironmentVariables.of())
			.properties(all.toArray(String[]::new))
			.run();
	}

	/**
	 * The port an app serves on.
	 * @param app the app
	 * @return its port
	 */
	static int port(ConfigurableApplicationContext app) {
		return GrpcServerRunner.localPort(app);
	}

}

package io.github.microservicestarter.server;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Cloud Run's {@code PORT=8080} the gRPC server takes 8080 and the HTTP server moves to 8081,
 * unless {@code server.port} says otherwise; elsewhere the HTTP server keeps Spring Boot's default.
 */
class HttpPortDefaultTests {

	@Test
	void cloudRunsPort8080MovesTheHttpServerTo8081() {
		assertThat(httpPortWith(Map.of("PORT", "8080"), Map.of())).isEqualTo("8081");
	}

	@Test
	void anAppPortOf8080MovesTheHttpServerToo() {
		assertThat(httpPortWith(Map.of(), Map.of("microservice.app-port", "8080"))).isEqualTo("8081");
	}

	@Test
	void aServerPortOfTheAppsOwnIsKept() {
		assertThat(httpPortWith(Map.of("PORT", "8080"), Map.of("server.port", "9000"))).isEqualTo("9000");
	}

	@Test
	void anotherGrpcPortLeavesSpringBootsDefault() {
		assertThat(httpPortWith(Map.of("PORT", "9090"), Map.of())).isNull();
		assertThat(httpPortWith(Map.of(), Map.of())).isNull();
	}

	@Test
	void aPortThatCannotWorkIsLeftForTheServersReport() {
		assertThat(httpPortWith(Map.of("PORT", "eighty"), Map.of())).isNull();
	}

	private static String httpPortWith(Map<String, Object> variables, Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
		environment.getPropertySources().replace(name, new SystemEnvironmentPropertySource(name, variables));
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new HttpPortDefault(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());
		return environment.getProperty("server.port");
	}

}

package io.github.microservicestarter.demo.summator;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.microservicestarter.autoconfigure.server.LocalAppPort;
import io.github.microservicestarter.demo.summator.DebianPython.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A client written independently in another language, Python's grpcio from Debian, calls both
 * demos over real sockets: what it checks is gRPC as every language speaks it, not grpc-java
 * talking to itself.
 */
class PythonClientInteropTests {

	/**
	 * Named, not imported, so that this test compiles and skips its user part until the user-service
	 * demo has its application.
	 */
	private static final String USER_SERVICE_APPLICATION =
			"io.github.microservicestarter.demo.user.UserServiceApplication";

	@TempDir
	static Path userData;

	static ConfigurableApplicationContext summator;

	@BeforeAll
	static void generateStubsAndStartTheSummator() throws Exception {
		DebianPython.requireGrpc();
		DebianPython.generateStubs();
		summator = start(SummatorApplication.class);
	}

	@AfterAll
	static void stopTheSummator() {
		if (summator != null) {
			summator.close();
		}
	}

	@Test
	void pythonClientGetsTheGreetingAndTheSums() throws Exception {
		Result result = DebianPython.runDemoClient("--summator", "localhost:" + port(summator));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.lines()).containsExactly(
				"PASS /helloworld.Greeter/SayHello name='Ada': 'Hello Ada'",
				"PASS /Summator/sum 5 + 3: 8.0",
				"PASS /Summator/sum -2.5 + 1: -1.5",
				"PASS /Summator/sum 0.1 + 0.2: 0.30000001192092896",
				"PASS /Summator/sum 16777216 + 1: 16777216.0",
				"5 passed, 0 failed");
	}

	@Test
	void pythonClientCreatesGetsAndStreamsUsers() throws Exception {
		assumeTrue(ClassUtils.isPresent(USER_SERVICE_APPLICATION, null), "The user-service demo is not built");
		Class<?> userService = ClassUtils.forName(USER_SERVICE_APPLICATION, null);
		try (ConfigurableApplicationContext users = start(userService,
				"--spring.datasource.url=jdbc:h2:file:" + userData.resolve("users"))) {
			Result result = DebianPython.runDemoClient("--users", "localhost:" + port(users));
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(result.lines()).hasSize(6)
				.anyMatch((line) -> line.startsWith("PASS /user.UserService/CreateUser name, email, default status:"))
				.anyMatch((line) -> line.startsWith("PASS /user.UserService/CreateUser assigns an id:"))
				.anyMatch((line) -> line.startsWith("PASS /user.UserService/GetUser the new id:"))
				.anyMatch((line) -> line.startsWith("PASS /user.UserService/StreamUsers streams the new user once: 1"))
				.anyMatch((line) -> line.startsWith("PASS /user.UserService/CreateUser the same email: ALREADY_EXISTS"))
				.endsWith("5 passed, 0 failed");
		}
	}

	/**
	 * Starts a demo on a free port with its own application.yml. Both demos have one at the root
	 * of this test's classpath, where only the first found would be read, for both.
	 */
	private static ConfigurableApplicationContext start(Class<?> application, String... arguments) {
		List<String> all = new ArrayList<>(List.of("--microservice.app-port=0",
				"--spring.config.location=" + classpathRootOf(application)));
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(application).run(all.toArray(String[]::new));
	}

	/** The directory or jar the class was loaded from, as a config location. */
	private static String classpathRootOf(Class<?> application) {
		URL root = application.getProtectionDomain().getCodeSource().getLocation();
		return root.toString().endsWith(".jar") ? "jar:" + root + "!/" : root.toString();
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty(LocalAppPort.PROPERTY, Integer.class);
	}

}

package io.github.microservicestarter.demo.summator;

import java.nio.file.Path;

import io.github.microservicestarter.server.LocalAppPort;
import io.github.microservicestarter.demo.summator.DebianPython.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client written independently in another language, Python's grpcio from Debian, calls both
 * demos over real sockets: what it checks is gRPC as every language speaks it, not grpc-java
 * talking to itself. The summator runs in this test's context, the user-service as its own process.
 */
@SummatorServerTest
class PythonClientInteropTests {

	@TempDir
	static Path userData;

	static UserServiceProcess userService;

	@LocalAppPort
	int summatorPort;

	@BeforeAll
	static void generateStubsAndStartTheUserService() throws Exception {
		DebianPython.requireGrpc();
		DebianPython.generateStubs();
		userService = UserServiceProcess.start(userData, Path.of("target/user-service-interop.log"));
	}

	@AfterAll
	static void stopTheUserService() throws Exception {
		if (userService != null) {
			userService.close();
		}
	}

	@Test
	void pythonClientGetsTheGreetingAndTheSums() throws Exception {
		Result result = DebianPython.runDemoClient("--summator", "localhost:" + this.summatorPort);
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
		Result result = DebianPython.runDemoClient("--users", "localhost:" + userService.port());
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

package io.github.microservicestarter.demo.summator;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.microservicestarter.server.LocalAppPort;
import io.github.microservicestarter.demo.helloworld.GreeterGrpc;
import io.github.microservicestarter.demo.helloworld.HelloUserRequest;
import io.github.microservicestarter.demo.user.CreateUserRequest;
import io.github.microservicestarter.demo.user.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Greeter greets a stored user end to end: the summator, in this test's context, calls the
 * user-service demo, running as its own process, through the sidecar client in direct mode.
 */
@SpringBootTest(properties = "microservice.app-port=0")
class GreeterGreetsStoredUserTests {

	@TempDir
	static Path userData;

	static UserServiceProcess userService;

	@LocalAppPort
	int summatorPort;

	ManagedChannel toSummator;

	ManagedChannel toUserService;

	@BeforeAll
	static void startTheUserService() throws Exception {
		userService = UserServiceProcess.start(userData, Path.of("target/user-service-greeter.log"));
	}

	@AfterAll
	static void stopTheUserService() throws Exception {
		if (userService != null) {
			userService.close();
		}
	}

	@DynamicPropertySource
	static void userServiceAddress(DynamicPropertyRegistry registry) {
		registry.add("microservice.clients.user-service.address", () -> "static://localhost:" + userService.port());
	}

	@BeforeEach
	void connect() {
		this.toSummator = ManagedChannelBuilder.forAddress("localhost", this.summatorPort).usePlaintext().build();
		this.toUserService = ManagedChannelBuilder.forAddress("localhost", userService.port()).usePlaintext().build();
	}

	@AfterEach
	void disconnect() {
		this.toSummator.shutdownNow();
		this.toUserService.shutdownNow();
	}

	@Test
	void greeterSaysHelloWithTheStoredUsersName() {
		String userId = UserServiceGrpc.newBlockingStub(this.toUserService)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.createUser(CreateUserRequest.newBuilder().setName("Ada Lovelace").setEmail("ada@example.org").build())
			.getUser()
			.getId();
		assertThat(greet(userId)).isEqualTo("Hello Ada Lovelace");
	}

	@Test
	void unknownUserIsNotFoundSayingSoFromTheGreetersSide() {
		String unknown = "0190a5e4-0000-7000-8000-000000000000";
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> greet(unknown))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
				assertThat(ex.getStatus().getDescription())
					.isEqualTo("No user to greet: no user has id '" + unknown + "'");
			});
	}

	@Test
	void userIdOfManyKilobytesIsInvalidArgumentFromTheUserServiceNotAnHttp2Error() {
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> greet("x".repeat(64 * 1024)))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
				assertThat(ex.getStatus().getDescription()).startsWith("The user service failed: user_id is not a user id")
					.hasSizeLessThan(300);
			});
	}

	@Test
	void emptyUserIdIsInvalidArgument() {
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> greet(""))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
	}

	private String greet(String userId) {
		return GreeterGrpc.newBlockingStub(this.toSummator)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.sayHelloToUser(HelloUserRequest.newBuilder().setUserId(userId).build())
			.getMessage();
	}

}

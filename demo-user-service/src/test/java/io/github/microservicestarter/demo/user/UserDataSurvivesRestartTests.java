package io.github.microservicestarter.demo.user;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.microservicestarter.server.LocalAppPort;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.microservicestarter.demo.user.TestUsers.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users are kept in the files of user-service.data-dir, so they outlive the application.
 */
class UserDataSurvivesRestartTests {

	@TempDir
	Path dataDir;

	@Test
	void userCreatedBeforeARestartIsReadAfterIt() throws Exception {
		User created;
		try (ConfigurableApplicationContext app = start()) {
			Order order = Order.newBuilder()
				.addItems(OrderItem.newBuilder().setName("Lamp").setPrice(20).setQuantity(1))
				.build();
			created = call(app, (users) -> users.createUser(newUser("Persistent").toBuilder().addOrders(order).build()))
				.getUser();
		}
		assertThat(this.dataDir.resolve("users.mv.db")).isRegularFile();

		try (ConfigurableApplicationContext app = start()) {
			User read = call(app,
					(users) -> users.getUser(GetUserRequest.newBuilder().setUserId(created.getId()).build()))
				.getUser();

			assertThat(read).isEqualTo(created);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(UserServiceApplication.class).run("--microservice.app-port=0",
				"--server.port=0", "--user-service.data-dir=" + this.dataDir);
	}

	private static <T> T call(ConfigurableApplicationContext app,
			Function<UserServiceGrpc.UserServiceBlockingStub, T> call) throws InterruptedException {
		int port = app.getEnvironment().getRequiredProperty(LocalAppPort.PROPERTY, Integer.class);
		ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
		try {
			return call.apply(UserServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS));
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

}

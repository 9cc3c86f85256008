package io.github.microservicestarter.demo.user;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.microservicestarter.server.LocalAppPort;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.microservicestarter.demo.user.TestUsers.newUser;
import static io.github.microservicestarter.demo.user.TestUsers.rename;
import static io.github.microservicestarter.demo.user.TestUsers.updateConcurrently;
import static io.github.microservicestarter.demo.user.TestUsers.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The user service on PostgreSQL: Flyway's schema, the queries, unique emails and versions work
 * there as on H2. Subclasses provide the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PostgresContract {

	private ConfigurableApplicationContext app;

	private ManagedChannel channel;

	private int port;

	private UserServiceGrpc.UserServiceBlockingStub users;

	private UserServiceGrpc.UserServiceStub asyncUsers;

	/**
	 * A PostgreSQL database to run the service on.
	 * @param url its JDBC URL
	 * @param username the user to connect as
	 * @param password the user's password
	 */
	record Database(String url, String username, String password) {
	}

	/** Starts (or finds) the database; called once, before the service starts. */
	abstract Database startDatabase() throws Exception;

	/** Stops the database; called once, after the service stopped. */
	abstract void stopDatabase() throws Exception;

	@BeforeAll
	void startService() throws Exception {
		Database database = startDatabase();
		this.app = new SpringApplicationBuilder(UserServiceApplication.class).run("--microservice.app-port=0",
				"--server.port=0", "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password());
		this.port = this.app.getEnvironment().getRequiredProperty(LocalAppPort.PROPERTY, Integer.class);
		this.channel = ManagedChannelBuilder.forAddress("localhost", this.port).usePlaintext().build();
		this.users = UserServiceGrpc.newBlockingStub(this.channel).withDeadlineAfter(60, TimeUnit.SECONDS);
		this.asyncUsers = UserServiceGrpc.newStub(this.channel).withDeadlineAfter(60, TimeUnit.SECONDS);
	}

	@AfterAll
	void stopService() throws Exception {
		try {
			if (this.channel != null) {
				this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
			if (this.app != null) {
				this.app.close();
			}
		}
		finally {
			stopDatabase();
		}
	}

	@Test
	void createsReadsListsUpdatesAndDeletesAUserWithOrders() {
		User created = this.users.createUser(newUser("Pia").toBuilder()
			.addOrders(Order.newBuilder()
				.setStatus("PAID")
				.addItems(OrderItem.newBuilder().setProductId("p").setName("Pot").setPrice(7.25).setQuantity(2)))
			.build()).getUser();
		int total = this.users.listUsers(ListUsersRequest.newBuilder().setLimit(1).build()).getTotalCount();

		assertThat(created.getOrders(0).getTotal()).isEqualTo(14.5);
		assertThat(this.users.getUser(get(created.getId())).getUser()).isEqualTo(created);
		assertThat(this.users.listUsers(ListUsersRequest.newBuilder().setOffset(total - 1).build()).getUsersList())
			.containsExactly(created);

		User updated = this.users.updateUser(rename(created, "Pia Renamed")).getUser();
		assertThat(updated.getVersion()).isEqualTo(2);
		assertThat(this.users.getUser(get(created.getId())).getUser()).isEqualTo(updated);

		this.users.deleteUser(DeleteUserRequest.newBuilder().setUserId(created.getId()).build());
		assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> this.users.getUser(get(created.getId())))
			.getStatus()
			.getCode()).isEqualTo(Code.NOT_FOUND);
	}

	@Test
	void takenEmailIsAlreadyExistsForOneUserAndForAStream() throws Exception {
		CreateUserRequest taken = newUser("Quinn");
		this.users.createUser(taken);

		StatusRuntimeException single = catchThrowableOfType(StatusRuntimeException.class,
				() -> this.users.createUser(taken.toBuilder().setName("Quinn Again").build()));
		Responses<CreateUserResponse> stream = new Responses<>();
		StreamObserver<CreateUserRequest> requests = this.asyncUsers.createUserStream(stream);
		requests.onNext(newUser("Rae"));
		requests.onNext(taken);
		requests.onCompleted();
		StatusRuntimeException streamed = stream.awaitFailure();

		assertThat(single.getStatus().getCode()).isEqualTo(Code.ALREADY_EXISTS);
		assertThat(violatedFields(single)).containsExactly("email");
		assertThat(streamed.getStatus().getCode()).isEqualTo(Code.ALREADY_EXISTS);
		assertThat(violatedFields(streamed)).containsExactly("requests[1].email");
	}

	@Test
	void staleVersionIsAbortedAndConcurrentUpdatesLoseNothing() throws Exception {
		User created = this.users.createUser(newUser("Sol")).getUser();
		List<Code> codes = updateConcurrently(this.port, created);
		User stored = this.users.getUser(get(created.getId())).getUser();

		assertThat(codes).containsExactlyInAnyOrder(Code.OK, Code.ABORTED);
		assertThat(stored.getName()).isEqualTo((codes.get(0) == Code.OK) ? "A" : "B");
		assertThat(stored.getVersion()).isEqualTo(2);
		assertThat(catchThrowableOfType(StatusRuntimeException.class,
				() -> this.users.updateUser(rename(created, "Stale")))
			.getStatus()
			.getCode()).isEqualTo(Code.ABORTED);
	}

	@Test
	void streamsUsersAcrossPagesInCreationOrder() throws Exception {
		Responses<CreateUserResponse> created = new Responses<>();
		StreamObserver<CreateUserRequest> requests = this.asyncUsers.createUserStream(created);
		for (int i = 0; i < 250; i++) {
			requests.onNext(newUser("Paged " + i).toBuilder().setStatus(UserStatus.USER_STATUS_SUSPENDED).build());
		}
		requests.onCompleted();
		List<String> ids = created.awaitCompletion().get(0).getCreatedUsersList().stream().map(User::getId).toList();

		List<String> streamed = new ArrayList<>();
		this.users.streamUsers(StreamUsersRequest.newBuilder().setStatus(UserStatus.USER_STATUS_SUSPENDED).build())
			.forEachRemaining((response) -> streamed.add(response.getUser().getId()));

		assertThat(streamed).containsSubsequence(ids).doesNotHaveDuplicates().isSorted();
	}

	private static GetUserRequest get(String id) {
		return GetUserRequest.newBuilder().setUserId(id).build();
	}

}

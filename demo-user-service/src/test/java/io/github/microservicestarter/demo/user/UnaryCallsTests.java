package io.github.microservicestarter.demo.user;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.FieldMask;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.github.microservicestarter.demo.user.TestUsers.newUser;
import static io.github.microservicestarter.demo.user.TestUsers.rename;
import static io.github.microservicestarter.demo.user.TestUsers.uniqueEmail;
import static io.github.microservicestarter.demo.user.TestUsers.updateConcurrently;
import static io.github.microservicestarter.demo.user.TestUsers.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * GetUser, ListUsers, CreateUser, UpdateUser and DeleteUser over a real channel.
 */
class UnaryCallsTests extends RunningUserService {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void createdUserIsReadBackWithItsOrdersAndTheirTotals() {
		CreateUserRequest request = newUser("Ada Lovelace").toBuilder()
			.addOrders(Order.newBuilder()
				.setStatus("PAID")
				.addItems(OrderItem.newBuilder().setProductId("p-1").setName("Pen").setPrice(1.5).setQuantity(4))
				.addItems(OrderItem.newBuilder().setProductId("p-2").setName("Ink").setPrice(3).setQuantity(1)))
			.addOrders(Order.newBuilder().setStatus("OPEN"))
			.build();

		User created = this.users.createUser(request).getUser();

		assertThat(created.getId()).isNotEmpty();
		assertThat(created.getName()).isEqualTo("Ada Lovelace");
		assertThat(created.getEmail()).isEqualTo(request.getEmail());
		assertThat(created.getStatus()).isEqualTo(UserStatus.USER_STATUS_ACTIVE);
		assertThat(created.getVersion()).isEqualTo(1);
		assertThat(created.getCreatedAt()).isEqualTo(created.getUpdatedAt());
		assertThat(created.getOrdersList()).extracting(Order::getStatus).containsExactly("PAID", "OPEN");
		assertThat(created.getOrdersList()).extracting(Order::getTotal).containsExactly(9.0, 0.0);
		assertThat(created.getOrdersList()).extracting(Order::getUserId).containsOnly(created.getId());
		assertThat(created.getOrders(0).getItemsList()).extracting(OrderItem::getName).containsExactly("Pen", "Ink");
		assertThat(this.users.getUser(get(created.getId())).getUser()).isEqualTo(created);
	}

	@Test
	void missingNameAndMalformedEmailAreInvalidArgumentNamingBothFields() {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class, () -> this.users
			.createUser(CreateUserRequest.newBuilder().setName("  ").setEmail("ada.example.com").build()));

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
		assertThat(failure.getStatus().getDescription()).contains("name is required")
			.contains("email must be an email address such as ada@example.com, not 'ada.example.com'");
		assertThat(violatedFields(failure)).containsExactly("name", "email");
	}

	@Test
	void badOrderItemIsInvalidArgumentNamingItsPath() {
		CreateUserRequest request = newUser("Grace").toBuilder()
			.addOrders(Order.newBuilder()
				.addItems(OrderItem.newBuilder().setName("Tape").setPrice(2).setQuantity(1))
				.addItems(OrderItem.newBuilder().setName("Glue").setPrice(-1).setQuantity(0)))
			.build();

		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> this.users.createUser(request));

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
		assertThat(violatedFields(failure)).containsExactly("orders[0].items[1].price",
				"orders[0].items[1].quantity");
	}

	@Test
	void duplicateEmailIsAlreadyExistsWithTheEmailInTheMessage() {
		CreateUserRequest request = newUser("Alan");
		this.users.createUser(request);

		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> this.users.createUser(request.toBuilder().setName("Another Alan").build()));

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.ALREADY_EXISTS);
		assertThat(failure.getStatus().getDescription()).contains(request.getEmail());
		assertThat(violatedFields(failure)).containsExactly("email");
	}

	@Test
	void unknownUserIdIsNotFoundNamingTheId() {
		String unknown = "0190a5e4-0000-7000-8000-000000000000";
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> this.users.getUser(get(unknown)));

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.NOT_FOUND);
		assertThat(failure.getStatus().getDescription()).contains(unknown);
	}

	@Test
	void userIdThatIsNoIdIsInvalidArgumentWithoutRepeatingIt() {
		for (String id : List.of("no-such-user", "x".repeat(4 * 1024 * 1024 - 64))) {
			StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
					() -> this.users.getUser(get(id)));

			assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
			assertThat(failure.getStatus().getDescription()).startsWith("user_id is not a user id")
				.doesNotContain(id)
				.hasSizeLessThan(200);
			assertThat(violatedFields(failure)).containsExactly("user_id");
		}
	}

	@Test
	void missingUserIdIsInvalidArgument() {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> this.users.deleteUser(DeleteUserRequest.getDefaultInstance()));

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
		assertThat(violatedFields(failure)).containsExactly("user_id");
	}

	@Test
	void listPagesUsersInCreationOrderWithTheTotalCount() {
		int totalBefore = list(ListUsersRequest.newBuilder().setLimit(1)).getTotalCount();
		int suspendedBefore = list(ListUsersRequest.newBuilder().setStatus(UserStatus.USER_STATUS_SUSPENDED))
			.getTotalCount();
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			UserStatus status = (i % 5 == 2) ? UserStatus.USER_STATUS_SUSPENDED : UserStatus.USER_STATUS_ACTIVE;
			created.add(this.users.createUser(newUser("Listed " + i).toBuilder().setStatus(status).build())
				.getUser()
				.getId());
		}

		ListUsersResponse defaultPage = list(ListUsersRequest.newBuilder().setOffset(totalBefore));
		ListUsersResponse lastPage = list(ListUsersRequest.newBuilder().setOffset(totalBefore + 10).setLimit(5));
		ListUsersResponse suspended = list(ListUsersRequest.newBuilder()
			.setStatus(UserStatus.USER_STATUS_SUSPENDED)
			.setOffset(suspendedBefore)
			.setLimit(1000));

		assertThat(defaultPage.getTotalCount()).isEqualTo(totalBefore + 11);
		assertThat(defaultPage.getUsersList()).extracting(User::getId)
			.containsExactlyElementsOf(created.subList(0, 10));
		assertThat(lastPage.getUsersList()).extracting(User::getId).containsExactly(created.get(10));
		assertThat(suspended.getTotalCount()).isEqualTo(suspendedBefore + 2);
		assertThat(suspended.getUsersList()).extracting(User::getId).containsExactly(created.get(2), created.get(7));
	}

	@Test
	void listUsersOrdersAndItemsMatchGetUser() {
		User created = this.users.createUser(newUser("Orders Listed").toBuilder()
			.addOrders(Order.newBuilder()
				.setStatus("PAID")
				.addItems(OrderItem.newBuilder().setProductId("b").setName("Book").setPrice(12.5).setQuantity(2)))
			.build()).getUser();
		int total = list(ListUsersRequest.newBuilder().setLimit(1)).getTotalCount();

		ListUsersResponse last = list(ListUsersRequest.newBuilder().setOffset(total - 1));

		assertThat(last.getUsersList()).containsExactly(created);
	}

	@Test
	void outOfRangeLimitAndNegativeOffsetAreInvalidArgument() {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> list(ListUsersRequest.newBuilder().setLimit(1001).setOffset(-1)));

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
		assertThat(violatedFields(failure)).containsExactly("limit", "offset");
	}

	@Test
	void updateChangesOnlyTheMaskedFieldsAndIncrementsTheVersion() {
		User created = this.users.createUser(newUser("Edsger")).getUser();

		User updated = this.users.updateUser(UpdateUserRequest.newBuilder()
			.setUser(created.toBuilder().setName("Edsger Dijkstra").setEmail(uniqueEmail("ignored")))
			.setUpdateMask(FieldMask.newBuilder().addPaths("name"))
			.build()).getUser();

		assertThat(updated.getName()).isEqualTo("Edsger Dijkstra");
		assertThat(updated.getEmail()).isEqualTo(created.getEmail());
		assertThat(updated.getVersion()).isEqualTo(2);
		assertThat(updated.getCreatedAt()).isEqualTo(created.getCreatedAt());
		assertThat(updated.getUpdatedAt()).isNotEqualTo(created.getUpdatedAt());
		assertThat(this.users.getUser(get(created.getId())).getUser()).isEqualTo(updated);
	}

	@Test
	void updateWithoutMaskChangesTheFieldsThatAreSetAndReplacesTheOrders() {
		User created = this.users
			.createUser(newUser("Barbara").toBuilder().addOrders(Order.newBuilder().setStatus("OLD")).build())
			.getUser();

		User updated = this.users.updateUser(UpdateUserRequest.newBuilder()
			.setUser(User.newBuilder()
				.setId(created.getId())
				.setStatus(UserStatus.USER_STATUS_INACTIVE)
				.addOrders(Order.newBuilder()
					.setStatus("NEW")
					.addItems(OrderItem.newBuilder().setName("Disk").setPrice(5).setQuantity(3))))
			.build()).getUser();

		assertThat(updated.getName()).isEqualTo("Barbara");
		assertThat(updated.getStatus()).isEqualTo(UserStatus.USER_STATUS_INACTIVE);
		assertThat(updated.getOrdersList()).extracting(Order::getStatus).containsExactly("NEW");
		assertThat(updated.getOrders(0).getTotal()).isEqualTo(15.0);
		assertThat(this.users.getUser(get(created.getId())).getUser()).isEqualTo(updated);
	}

	@Test
	void unknownMaskFieldIsInvalidArgument() {
		User created = this.users.createUser(newUser("Masked")).getUser();

		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> this.users.updateUser(UpdateUserRequest.newBuilder()
					.setUser(created)
					.setUpdateMask(FieldMask.newBuilder().addPaths("created_at"))
					.build()));

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
		assertThat(failure.getStatus().getDescription()).contains("created_at");
		assertThat(violatedFields(failure)).containsExactly("update_mask");
	}

	@Test
	void updateToAnotherUsersEmailIsAlreadyExistsNamingUserEmail() {
		User first = this.users.createUser(newUser("First")).getUser();
		User second = this.users.createUser(newUser("Second")).getUser();

		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> this.users.updateUser(UpdateUserRequest.newBuilder()
					.setUser(User.newBuilder().setId(second.getId()).setEmail(first.getEmail()))
					.build()));

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.ALREADY_EXISTS);
		assertThat(failure.getStatus().getDescription()).contains(first.getEmail());
		assertThat(violatedFields(failure)).containsExactly("user.email");
		assertThat(this.users.getUser(get(second.getId())).getUser()).isEqualTo(second);
	}

	@Test
	void updateOfAStaleVersionIsAbortedAndChangesNothing() {
		User created = this.users.createUser(newUser("Stale")).getUser();
		User current = this.users.updateUser(rename(created, "Fresh")).getUser();

		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> this.users.updateUser(rename(created, "Lost")));

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.ABORTED);
		assertThat(failure.getStatus().getDescription()).contains(created.getId()).contains("version 1");
		assertThat(this.users.getUser(get(created.getId())).getUser()).isEqualTo(current);
	}

	@Test
	void twoClientsUpdatingTheSameVersionLoseNoUpdate() throws Exception {
		User read = this.users.createUser(newUser("Contended")).getUser();

		List<Code> codes = updateConcurrently(this.port, read);

		assertThat(codes).containsExactlyInAnyOrder(Code.OK, Code.ABORTED);
		User stored = this.users.getUser(get(read.getId())).getUser();
		assertThat(stored.getName()).isEqualTo((codes.get(0) == Code.OK) ? "A" : "B");
		assertThat(stored.getVersion()).isEqualTo(read.getVersion() + 1);
	}

	@Test
	void deleteRemovesTheUserWithItsOrders() {
		User created = this.users.createUser(newUser("Deleted").toBuilder()
			.addOrders(Order.newBuilder().addItems(OrderItem.newBuilder().setName("Box").setQuantity(1)))
			.build()).getUser();

		DeleteUserResponse deleted = this.users
			.deleteUser(DeleteUserRequest.newBuilder().setUserId(created.getId()).build());

		assertThat(deleted.getUserId()).isEqualTo(created.getId());
		assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> this.users.getUser(get(created.getId())))
			.getStatus()
			.getCode()).isEqualTo(Code.NOT_FOUND);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id = ?", Integer.class,
				UUID.fromString(created.getOrders(0).getId()))).isZero();
		assertThat(catchThrowableOfType(StatusRuntimeException.class,
				() -> this.users.deleteUser(DeleteUserRequest.newBuilder().setUserId(created.getId()).build()))
			.getStatus()
			.getCode()).isEqualTo(Code.NOT_FOUND);
	}

	private ListUsersResponse list(ListUsersRequest.Builder request) {
		return this.users.listUsers(request.build());
	}

	private static GetUserRequest get(String id) {
		return GetUserRequest.newBuilder().setUserId(id).build();
	}

}

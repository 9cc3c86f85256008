package io.github.microservicestarter.demo.user;

import java.util.ArrayList;
import java.util.List;

import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import static io.github.microservicestarter.demo.user.TestUsers.newUser;
import static io.github.microservicestarter.demo.user.TestUsers.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * StreamUsers: every user, or those of one status, in id order.
 */
class StreamUsersTests extends RunningUserService {

	@Test
	void streamsTheUsersOfAStatusInCreationOrder() {
		List<String> inactive = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			inactive.add(create("Inactive " + i, UserStatus.USER_STATUS_INACTIVE).getId());
			create("Active " + i, UserStatus.USER_STATUS_ACTIVE);
		}

		List<User> streamed = stream(
				StreamUsersRequest.newBuilder().setStatus(UserStatus.USER_STATUS_INACTIVE).build());

		assertThat(streamed).extracting(User::getStatus).containsOnly(UserStatus.USER_STATUS_INACTIVE);
		assertThat(streamed).extracting(User::getId).containsSubsequence(inactive).doesNotHaveDuplicates();
		assertThat(streamed).extracting(User::getId).isSorted();
	}

	@Test
	void streamsEveryUserWhenNoStatusIsGiven() {
		User suspended = create("Suspended", UserStatus.USER_STATUS_SUSPENDED);
		User active = create("Active", UserStatus.USER_STATUS_ACTIVE);
		int total = this.users.listUsers(ListUsersRequest.newBuilder().setLimit(1).build()).getTotalCount();

		List<User> streamed = stream(StreamUsersRequest.getDefaultInstance());

		assertThat(streamed).hasSize(total).contains(suspended, active);
	}

	@Test
	void limitEndsTheStreamAfterThatManyUsers() {
		create("First", UserStatus.USER_STATUS_ACTIVE);
		create("Second", UserStatus.USER_STATUS_ACTIVE);
		create("Third", UserStatus.USER_STATUS_ACTIVE);

		List<User> streamed = stream(StreamUsersRequest.newBuilder().setLimit(2).build());
		List<User> firstTwo = this.users.listUsers(ListUsersRequest.newBuilder().setLimit(2).build()).getUsersList();

		assertThat(streamed).isEqualTo(firstTwo);
	}

	@Test
	void negativeLimitIsInvalidArgument() {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> stream(StreamUsersRequest.newBuilder().setLimit(-1).build()));

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
		assertThat(violatedFields(failure)).containsExactly("limit");
	}

	private User create(String name, UserStatus status) {
		return this.users.createUser(newUser(name).toBuilder().setStatus(status).build()).getUser();
	}

	private List<User> stream(StreamUsersRequest request) {
		List<User> users = new ArrayList<>();
		this.users.streamUsers(request).forEachRemaining((response) -> users.add(response.getUser()));
		return users;
	}

}

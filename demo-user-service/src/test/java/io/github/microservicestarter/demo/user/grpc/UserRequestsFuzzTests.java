package io.github.microservicestarter.demo.user.grpc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest.FieldViolation;

import io.github.microservicestarter.demo.user.CreateUserRequest;
import io.github.microservicestarter.demo.user.DeleteUserRequest;
import io.github.microservicestarter.demo.user.GetUserRequest;
import io.github.microservicestarter.demo.user.ListUsersRequest;
import io.github.microservicestarter.demo.user.StreamUsersRequest;
import io.github.microservicestarter.demo.user.UpdateUserRequest;
import io.github.microservicestarter.demo.user.UserStatus;
import io.github.microservicestarter.demo.user.store.NewUser;
import io.github.microservicestarter.demo.user.store.UserChanges;
import io.github.microservicestarter.demo.user.store.UserEntity;
import io.github.microservicestarter.demo.user.store.UserStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes a client sends as a UserService request, decoding and checking them either
 * reaches the store with a well-formed id and valid input, or ends in INVALID_ARGUMENT field
 * violations, each of bounded size (a request can hold megabytes where a name should be); never in
 * another exception (INTERNAL).
 */
class UserRequestsFuzzTests {

	/** The most a violation's description may take: the field's path, the rule and 64 characters of the value. */
	private static final int MAX_DESCRIPTION_BYTES = 512;

	/** The ids the service gives, written independently of the service's own check. */
	private static final Pattern UUID = Pattern.compile("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}");

	private final StoreSpy store = new StoreSpy();

	private final UserOperations operations = new UserOperations(this.store);

	@FuzzTest
	void anyRequestReachesTheStoreValidOrEndsInBoundedViolations(FuzzedDataProvider data) {
		int kind = data.consumeInt(0, 5);
		byte[] bytes = data.consumeRemainingAsBytes();
		try {
			switch (kind) {
				case 0 -> this.operations.get(GetUserRequest.parseFrom(bytes));
				case 1 -> this.operations.create(CreateUserRequest.parseFrom(bytes));
				case 2 -> this.operations.update(UpdateUserRequest.parseFrom(bytes));
				case 3 -> this.operations.list(ListUsersRequest.parseFrom(bytes));
				case 4 -> this.operations.delete(DeleteUserRequest.parseFrom(bytes));
				default -> assertThat(UserRequests.streamQuery(StreamUsersRequest.parseFrom(bytes)).limit()).isPositive();
			}
		}
		catch (InvalidProtocolBufferException ex) {
			// Not a request: the starter answers INVALID_ARGUMENT before the service sees it.
		}
		catch (ReachedStore ex) {
			// Checked in the store below.
		}
		catch (InvalidRequestException ex) {
			assertThat(ex.getViolations()).isNotEmpty();
			for (FieldViolation violation : ex.getViolations()) {
				assertThat(violation.getDescription().getBytes(StandardCharsets.UTF_8).length)
					.as("bytes of %s...", violation.getField())
					.isLessThanOrEqualTo(MAX_DESCRIPTION_BYTES);
			}
		}
	}

	/** Checks what reaches it, then stops the call: no database in a fuzz test. */
	private static final class StoreSpy extends UserStore {

		StoreSpy() {
			super(null);
		}

		@Override
		public UserEntity get(String id) {
			assertWellFormed(id);
			throw new ReachedStore();
		}

		@Override
		public UserPage list(UserStatus status, int offset, int limit) {
			assertThat(status).isNotEqualTo(UserStatus.UNRECOGNIZED);
			assertThat(offset).isNotNegative();
			assertThat(limit).isBetween(1, 1000);
			throw new ReachedStore();
		}

		@Override
		public UserEntity create(NewUser user) {
			assertThat(user.name()).isNotBlank().hasSizeLessThanOrEqualTo(200);
			assertThat(user.email()).contains("@").hasSizeLessThanOrEqualTo(320);
			assertThat(user.status()).isIn(List.of(UserStatus.USER_STATUS_ACTIVE, UserStatus.USER_STATUS_INACTIVE,
					UserStatus.USER_STATUS_SUSPENDED));
			throw new ReachedStore();
		}

		@Override
		public UserEntity update(String id, long expectedVersion, UserChanges changes) {
			assertWellFormed(id);
			assertThat(expectedVersion).isNotNegative();
			throw new ReachedStore();
		}

		@Override
		public void delete(String id) {
			assertWellFormed(id);
			throw new ReachedStore();
		}

		private static void assertWellFormed(String id) {
			assertThat(id).as("an id that reached the store").matches(UUID);
		}

	}

	private static final class ReachedStore extends RuntimeException {

		ReachedStore() {
			super(null, null, false, false);
		}

	}

}

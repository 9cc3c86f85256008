package io.github.microservicestarter.demo.user.grpc;

import io.github.microservicestarter.demo.user.CreateUserRequest;
import io.github.microservicestarter.demo.user.DeleteUserRequest;
import io.github.microservicestarter.demo.user.GetUserRequest;
import io.github.microservicestarter.demo.user.ListUsersRequest;
import io.github.microservicestarter.demo.user.ListUsersResponse;
import io.github.microservicestarter.demo.user.UpdateUserRequest;
import io.github.microservicestarter.demo.user.User;
import io.github.microservicestarter.demo.user.store.UserEntity;
import io.github.microservicestarter.demo.user.store.UserStore;

/**
 * The single-user operations, from request message to result message, shared by the unary calls
 * and the bidirectional stream. Failures are thrown, for {@link GrpcErrors} to turn into statuses.
 */
final class UserOperations {

	private final UserStore store;

	UserOperations(UserStore store) {
		this.store = store;
	}

	User get(GetUserRequest request) {
		return UserMessages.user(this.store.get(UserRequests.userId(request.getUserId())));
	}

	ListUsersResponse list(ListUsersRequest request) {
		UserRequests.ListQuery query = UserRequests.listQuery(request);
		UserStore.UserPage page = this.store.list(query.status(), query.offset(), query.limit());
		ListUsersResponse.Builder response = ListUsersResponse.newBuilder()
			.setTotalCount((int) Math.min(page.total(), Integer.MAX_VALUE));
		for (UserEntity user : page.users()) {
			response.addUsers(UserMessages.user(user));
		}
		return response.build();
	}

	User create(CreateUserRequest request) {
		return UserMessages.user(this.store.create(UserRequests.newUser(request, "")));
	}

	User update(UpdateUserRequest request) {
		User user = request.getUser();
		return UserMessages.user(this.store.update(user.getId(), user.getVersion(), UserRequests.changes(request)));
	}

	/** Deletes the user and returns its id. */
	String delete(DeleteUserRequest request) {
		String userId = UserRequests.userId(request.getUserId());
		this.store.delete(userId);
		return userId;
	}

}

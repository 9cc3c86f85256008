package io.github.microservicestarter.demo.user.grpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.grpc.stub.StreamObserver;

import io.github.microservicestarter.demo.user.CreateUserRequest;
import io.github.microservicestarter.demo.user.CreateUserResponse;
import io.github.microservicestarter.demo.user.store.EmailTakenException;
import io.github.microservicestarter.demo.user.store.NewUser;
import io.github.microservicestarter.demo.user.store.UserEntity;
import io.github.microservicestarter.demo.user.store.UserStore;

/**
 * CreateUserStream: checks each request as it arrives (failing the call at the first bad one) and
 * creates all users in one transaction when the client half-closes, so it is all or nothing.
 */
final class CreateUserStreamObserver implements StreamObserver<CreateUserRequest> {

	static final int MAX_USERS = 10_000;

	private final UserStore store;

	private final GrpcErrors errors;

	private final StreamObserver<CreateUserResponse> response;

	private final List<NewUser> users = new ArrayList<>();

	private final Map<String, Integer> positionByEmail = new HashMap<>();

	// gRPC runs one call's handlers one at a time, so this field needs no synchronization.
	private boolean failed;

	CreateUserStreamObserver(UserStore store, GrpcErrors errors, StreamObserver<CreateUserResponse> response) {
		this.store = store;
		this.errors = errors;
		this.response = response;
	}

	@Override
	public void onNext(CreateUserRequest request) {
		if (this.failed) {
			return;
		}
		int position = this.users.size();
		String path = "requests[%d]".formatted(position);
		try {
			Violations violations = new Violations("");
			violations.check(position < MAX_USERS, path, "is one too many: a stream creates at most %d users"
				.formatted(MAX_USERS));
			violations.throwIfAny();
			NewUser user = UserRequests.newUser(request, path + ".");
			Integer earlier = this.positionByEmail.putIfAbsent(user.email(), position);
			violations.check(earlier == null, path + ".email",
					"repeats the email of requests[%d]".formatted(earlier));
			violations.throwIfAny();
			this.users.add(user);
		}
		catch (RuntimeException ex) {
			fail(ex, path + ".email");
		}
	}

	@Override
	public void onError(Throwable cause) {
		// The client cancelled before half-closing: nothing was created, nothing to undo.
	}

	@Override
	public void onCompleted() {
		if (this.failed) {
			return;
		}
		try {
			CreateUserResponse.Builder created = CreateUserResponse.newBuilder();
			for (UserEntity user : this.store.createAll(this.users)) {
				created.addCreatedUsers(UserMessages.user(user));
			}
			this.response.onNext(created.build());
			this.response.onCompleted();
		}
		catch (EmailTakenException ex) {
			fail(ex, "requests[%d].email".formatted(this.positionByEmail.get(ex.getEmail())));
		}
		catch (RuntimeException ex) {
			fail(ex, "email");
		}
	}

	private void fail(RuntimeException failure, String emailField) {
		this.failed = true;
		this.users.clear();
		this.response.onError(this.errors.toException(failure, emailField));
	}

}

package io.github.microservicestarter.demo.user.grpc;

import java.util.function.Supplier;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import io.github.microservicestarter.demo.user.BidirectionalRequest;
import io.github.microservicestarter.demo.user.BidirectionalResponse;
import io.github.microservicestarter.demo.user.CreateUserRequest;
import io.github.microservicestarter.demo.user.CreateUserResponse;
import io.github.microservicestarter.demo.user.DeleteUserRequest;
import io.github.microservicestarter.demo.user.DeleteUserResponse;
import io.github.microservicestarter.demo.user.GetUserRequest;
import io.github.microservicestarter.demo.user.GetUserResponse;
import io.github.microservicestarter.demo.user.ListUsersRequest;
import io.github.microservicestarter.demo.user.ListUsersResponse;
import io.github.microservicestarter.demo.user.StreamUsersRequest;
import io.github.microservicestarter.demo.user.UpdateUserRequest;
import io.github.microservicestarter.demo.user.UpdateUserResponse;
import io.github.microservicestarter.demo.user.UserResponse;
import io.github.microservicestarter.demo.user.UserServiceGrpc;
import io.github.microservicestarter.demo.user.store.UserStore;
import io.github.microservicestarter.errors.ExceptionStatuses;

import org.springframework.stereotype.Service;

/**
 * The UserService of user.proto, on the {@link UserStore}.
 */
@Service
public class UserGrpcService extends UserServiceGrpc.UserServiceImplBase {

	private final UserStore store;

	private final UserOperations operations;

	private final GrpcErrors errors;

	public UserGrpcService(UserStore store, ExceptionStatuses statuses) {
		this.store = store;
		this.operations = new UserOperations(store);
		this.errors = new GrpcErrors(statuses);
	}

	@Override
	public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> response) {
		respond(response, "email",
				() -> GetUserResponse.newBuilder().setUser(this.operations.get(request)).build());
	}

	@Override
	public void listUsers(ListUsersRequest request, StreamObserver<ListUsersResponse> response) {
		respond(response, "email", () -> this.operations.list(request));
	}

	@Override
	public void createUser(CreateUserRequest request, StreamObserver<CreateUserResponse> response) {
		respond(response, "email",
				() -> CreateUserResponse.newBuilder().setUser(this.operations.create(request)).build());
	}

	@Override
	public void updateUser(UpdateUserRequest request, StreamObserver<UpdateUserResponse> response) {
		respond(response, "user.email",
				() -> UpdateUserResponse.newBuilder().setUser(this.operations.update(request)).build());
	}

	@Override
	public void deleteUser(DeleteUserRequest request, StreamObserver<DeleteUserResponse> response) {
		respond(response, "email",
				() -> DeleteUserResponse.newBuilder().setUserId(this.operations.delete(request)).build());
	}

	@Override
	public void streamUsers(StreamUsersRequest request, StreamObserver<UserResponse> response) {
		UserRequests.StreamQuery query;
		try {
			query = UserRequests.streamQuery(request);
		}
		catch (RuntimeException ex) {
			response.onError(this.errors.toException(ex, "email"));
			return;
		}
		new UserStreamer(this.store, this.errors, (ServerCallStreamObserver<UserResponse>) response, query).start();
	}

	@Override
	public StreamObserver<CreateUserRequest> createUserStream(StreamObserver<CreateUserResponse> response) {
		return new CreateUserStreamObserver(this.store, this.errors, response);
	}

	@Override
	public StreamObserver<BidirectionalRequest> bidirectionalStream(StreamObserver<BidirectionalResponse> response) {
		return new BidirectionalStreamObserver(this.operations, this.errors,
				(ServerCallStreamObserver<BidirectionalResponse>) response);
	}

	private <T> void respond(StreamObserver<T> response, String emailField, Supplier<T> operation) {
		T result;
		try {
			result = operation.get();
		}
		catch (RuntimeException ex) {
			response.onError(this.errors.toException(ex, emailField));
			return;
		}
		response.onNext(result);
		response.onCompleted();
	}

}

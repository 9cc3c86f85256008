package io.github.microservicestarter.demo.user.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import io.github.microservicestarter.demo.user.BidirectionalRequest;
import io.github.microservicestarter.demo.user.BidirectionalResponse;
import io.github.microservicestarter.demo.user.DeleteUserResponse;

/**
 * BidirectionalStream: runs each request's operation in order and answers it before reading the
 * next request. It asks gRPC for one request at a time, and only while the client reads the
 * answers, so a client that stops reading stops the server reading too.
 */
final class BidirectionalStreamObserver implements StreamObserver<BidirectionalRequest> {

	private final UserOperations operations;

	private final GrpcErrors errors;

	private final ServerCallStreamObserver<BidirectionalResponse> call;

	// gRPC runs one call's handlers one at a time, so this field needs no synchronization.
	private boolean requested;

	/** Takes over the call's inbound flow control; to be called by the service method. */
	BidirectionalStreamObserver(UserOperations operations, GrpcErrors errors,
			ServerCallStreamObserver<BidirectionalResponse> call) {
		this.operations = operations;
		this.errors = errors;
		this.call = call;
		call.disableAutoRequest();
		call.setOnReadyHandler(this::requestNextIfReady);
	}

	@Override
	public void onNext(BidirectionalRequest request) {
		this.requested = false;
		this.call.onNext(answer(request));
		requestNextIfReady();
	}

	@Override
	public void onError(Throwable cause) {
		// The client cancelled: the operations answered so far are done, the others never ran.
	}

	@Override
	public void onCompleted() {
		this.call.onCompleted();
	}

	private void requestNextIfReady() {
		if (!this.requested && this.call.isReady()) {
			this.requested = true;
			this.call.request(1);
		}
	}

	private BidirectionalResponse answer(BidirectionalRequest request) {
		BidirectionalResponse.Builder response = BidirectionalResponse.newBuilder()
			.setRequestId(request.getRequestId());
		try {
			switch (request.getOperationCase()) {
				case CREATE -> response.setUser(this.operations.create(request.getCreate()));
				case GET -> response.setUser(this.operations.get(request.getGet()));
				case UPDATE -> response.setUser(this.operations.update(request.getUpdate()));
				case DELETE -> response.setDeleted(
						DeleteUserResponse.newBuilder().setUserId(this.operations.delete(request.getDelete())));
				case OPERATION_NOT_SET -> {
					Violations violations = new Violations("");
					violations.add("operation", "is required: set create, get, update or delete");
					violations.throwIfAny();
				}
			}
		}
		catch (RuntimeException ex) {
			// The same status the operation would have had as a unary call.
			String emailField = (request.getOperationCase() == BidirectionalRequest.OperationCase.UPDATE)
					? "user.email" : "email";
			response.setError(this.errors.toStatus(ex, emailField));
		}
		return response.build();
	}

}

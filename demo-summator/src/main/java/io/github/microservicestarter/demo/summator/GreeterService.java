package io.github.microservicestarter.demo.summator;

import io.github.microservicestarter.client.SidecarClient;
import io.github.microservicestarter.demo.helloworld.GreeterGrpc;
import io.github.microservicestarter.demo.helloworld.HelloReply;
import io.github.microservicestarter.demo.helloworld.HelloRequest;
import io.github.microservicestarter.demo.helloworld.HelloUserRequest;
import io.github.microservicestarter.demo.user.GetUserRequest;
import io.github.microservicestarter.demo.user.UserServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

import org.springframework.stereotype.Service;

/**
 * grpc-java's Greeter: "Hello name", and "Hello" to a stored user of the user-service demo, called
 * through the sidecar client.
 */
@Service
public class GreeterService extends GreeterGrpc.GreeterImplBase {

	private final UserServiceGrpc.UserServiceBlockingStub users;

	public GreeterService(@SidecarClient("user-service") UserServiceGrpc.UserServiceBlockingStub users) {
		this.users = users;
	}

	@Override
	public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
		responseObserver.onNext(HelloReply.newBuilder().setMessage("Hello " + request.getName()).build());
		responseObserver.onCompleted();
	}

	@Override
	public void sayHelloToUser(HelloUserRequest request, StreamObserver<HelloReply> responseObserver) {
		if (request.getUserId().isBlank()) {
			responseObserver.onError(Status.INVALID_ARGUMENT.withDescription("user_id is empty: name the user to greet")
				.asRuntimeException());
			return;
		}
		String name;
		try {
			// Called on the handler's thread: the user-service call inherits this call's deadline.
			name = this.users.getUser(GetUserRequest.newBuilder().setUserId(request.getUserId()).build())
				.getUser()
				.getName();
		}
		catch (StatusRuntimeException ex) {
			responseObserver.onError(passOn(ex.getStatus()).asRuntimeException());
			return;
		}
		responseObserver.onNext(HelloReply.newBuilder().setMessage("Hello " + name).build());
		responseObserver.onCompleted();
	}

	/** The user service's error, said from the greeter's side; the code stays the same. */
	private static Status passOn(Status status) {
		// A status may come without a description: its code is then all there is to say.
		String reason = (status.getDescription() != null) ? status.getDescription() : status.getCode().name();
		if (status.getCode() == Status.Code.NOT_FOUND) {
			return Status.NOT_FOUND.withDescription("No user to greet: " + reason);
		}
		return status.withDescription("The user service failed: " + reason);
	}

}

package io.github.microservicestarter.errors;

import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;

import io.github.microservicestarter.client.probe.EchoGrpc;
import io.github.microservicestarter.client.probe.EchoReply;
import io.github.microservicestarter.client.probe.EchoRequest;

/**
 * An Echo service whose Get fails as its request says: by throwing, by passing an exception to
 * onError, or with an oversized status. It counts the requests it read.
 */
class FailingEchoService extends EchoGrpc.EchoImplBase {

	final AtomicInteger requests = new AtomicInteger();

	@Override
	public void get(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
		this.requests.incrementAndGet();
		String text = request.getText();
		switch (text) {
			case "throw" -> throw new IllegalStateException("internal detail: table USERS, row 42");
			case "not-found" -> throw new NoSuchThing("thing 7");
			case "not-found-subclass" -> throw new NoSuchWidget("widget 7");
			case "wrapped-not-found" -> throw new RuntimeException("wrapper", new NoSuchThing("thing 8"));
			case "on-error-not-found" -> responseObserver.onError(new NoSuchThing("thing 9"));
			case "invalid" -> throw new InvalidThing("name");
			case "long-description" -> throw Status.NOT_FOUND.withDescription("x".repeat(100_000)).asRuntimeException();
			case "long-message" -> throw invalid("y".repeat(6000), "name");
			case "long-details" -> throw invalid("too long", "z".repeat(6000));
			default -> {
				responseObserver.onNext(EchoReply.newBuilder().setText(text).build());
				responseObserver.onCompleted();
			}
		}
	}

	private static RuntimeException invalid(String message, String field) {
		return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
			.setCode(Status.Code.INVALID_ARGUMENT.value())
			.setMessage(message)
			.addDetails(Any.pack(BadRequest.newBuilder()
				.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(field))
				.build()))
			.build());
	}

	static class NoSuchThing extends RuntimeException {

		NoSuchThing(String thing) {
			super("no " + thing);
		}

	}

	static class NoSuchWidget extends NoSuchThing {

		NoSuchWidget(String widget) {
			super(widget);
		}

	}

	static class InvalidThing extends RuntimeException {

		final String field;

		InvalidThing(String field) {
			super(field + " is invalid");
			this.field = field;
		}

	}

}

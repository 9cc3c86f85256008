package io.github.microservicestarter.demo.user.grpc;

import java.util.List;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.BadRequest.FieldViolation;
import com.google.rpc.Code;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import io.github.microservicestarter.demo.user.store.EmailTakenException;
import io.github.microservicestarter.demo.user.store.UserChangedException;
import io.github.microservicestarter.demo.user.store.UserNotFoundException;
import io.github.microservicestarter.errors.ExceptionStatuses;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Turns a failed operation into the gRPC status user.proto promises: the code a client can act on,
 * a message a person understands, and field violations where a field is to blame. Failures that
 * are not the request's or the data's go to the starter's {@link ExceptionStatuses}: the database
 * being down is UNAVAILABLE ({@code DatabaseErrors}), anything else INTERNAL, logged once in a while.
 */
final class GrpcErrors {

	private final ExceptionStatuses statuses;

	GrpcErrors(ExceptionStatuses statuses) {
		this.statuses = statuses;
	}

	/**
	 * The status of a failed call, to end the call with.
	 * @param failure why the operation failed
	 * @param emailField the path of the request's email, named when the email is taken
	 * @return the exception that carries the status
	 */
	StatusRuntimeException toException(Throwable failure, String emailField) {
		return StatusProto.toStatusRuntimeException(toStatus(failure, emailField));
	}

	/**
	 * The status of a failed operation, to answer it with.
	 * @param failure why the operation failed
	 * @param emailField the path of the request's email, named when the email is taken
	 * @return the status
	 */
	Status toStatus(Throwable failure, String emailField) {
		if (failure instanceof InvalidRequestException invalid) {
			return status(Code.INVALID_ARGUMENT, invalid.getMessage(), invalid.getViolations());
		}
		if (failure instanceof UserNotFoundException) {
			return status(Code.NOT_FOUND, failure.getMessage(), List.of());
		}
		if (failure instanceof EmailTakenException taken) {
			String message = "%s '%s' is already used by another user".formatted(emailField, taken.getEmail());
			return status(Code.ALREADY_EXISTS, message,
					List.of(FieldViolation.newBuilder().setField(emailField).setDescription(message).build()));
		}
		if (failure instanceof DuplicateKeyException) {
			// Another call took an email between this call's check and its insert.
			return status(Code.ALREADY_EXISTS, "an email is already used by another user", List.of());
		}
		if (failure instanceof UserChangedException) {
			return status(Code.ABORTED, failure.getMessage(), List.of());
		}
		if (failure instanceof ConcurrencyFailureException) {
			// A lock wait timed out or the database broke a deadlock: trying again can succeed.
			return status(Code.ABORTED, "the user is being changed by another call; retry", List.of());
		}
		return StatusProto.fromThrowable(this.statuses.statusOf(failure));
	}

	private static Status status(Code code, String message, List<FieldViolation> violations) {
		Status.Builder status = Status.newBuilder().setCode(code.getNumber()).setMessage(message);
		if (!violations.isEmpty()) {
			status.addDetails(Any.pack(BadRequest.newBuilder().addAllFieldViolations(violations).build()));
		}
		return status.build();
	}

}

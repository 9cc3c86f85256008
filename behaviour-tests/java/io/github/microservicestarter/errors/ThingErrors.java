package io.github.microservicestarter.errors;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Status;

import io.github.microservicestarter.errors.FailingEchoService.InvalidThing;
import io.github.microservicestarter.errors.FailingEchoService.NoSuchThing;
import io.github.microservicestarter.errors.FailingEchoService.NoSuchWidget;

/**
 * The app's advice for {@link FailingEchoService}'s exceptions.
 */
@GrpcExceptionAdvice
class ThingErrors {

	@GrpcExceptionMapping
	Status notFound(NoSuchThing ex) {
		return Status.NOT_FOUND.withDescription(ex.getMessage());
	}

	@GrpcExceptionMapping
	Status widgetNotFound(NoSuchWidget ex) {
		return Status.NOT_FOUND.withDescription("widget: " + ex.getMessage());
	}

	@GrpcExceptionMapping(InvalidThing.class)
	com.google.rpc.Status invalid(RuntimeException ex) {
		InvalidThing invalid = (InvalidThing) ex;
		return com.google.rpc.Status.newBuilder()
			.setCode(Code.INVALID_ARGUMENT_VALUE)
			.setMessage(invalid.getMessage())
			.addDetails(Any.pack(BadRequest.newBuilder()
				.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(invalid.field))
				.build()))
			.build();
	}

}

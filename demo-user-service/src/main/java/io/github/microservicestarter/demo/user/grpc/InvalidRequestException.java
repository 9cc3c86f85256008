package io.github.microservicestarter.demo.user.grpc;

import java.util.List;
import java.util.stream.Collectors;

import com.google.rpc.BadRequest.FieldViolation;

/**
 * A request broke the contract of user.proto: the violations name each field and what is wrong.
 */
class InvalidRequestException extends RuntimeException {

	private final List<FieldViolation> violations;

	InvalidRequestException(List<FieldViolation> violations) {
		super(violations.stream().map(FieldViolation::getDescription).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	List<FieldViolation> getViolations() {
		return this.violations;
	}

}

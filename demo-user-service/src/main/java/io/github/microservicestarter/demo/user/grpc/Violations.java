package io.github.microservicestarter.demo.user.grpc;

import java.util.ArrayList;
import java.util.List;

import com.google.rpc.BadRequest.FieldViolation;

/**
 * Collects what is wrong with a request, so that one answer names every bad field.
 */
final class Violations {

	private final String prefix;

	private final List<FieldViolation> violations = new ArrayList<>();

	/**
	 * @param prefix put before every field path, such as {@code requests[2].} for the third
	 * request of a stream
	 */
	Violations(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * Records a violation unless the rule holds.
	 * @param holds whether the field follows the rule
	 * @param field the field's path from the request
	 * @param rule what the field must be, worded to follow its name ("is required")
	 */
	void check(boolean holds, String field, String rule) {
		if (!holds) {
			add(field, rule);
		}
	}

	/**
	 * Records a violation.
	 * @param field the field's path from the request
	 * @param rule what the field must be, worded to follow its name ("is required")
	 */
	void add(String field, String rule) {
		String path = this.prefix + field;
		this.violations.add(FieldViolation.newBuilder().setField(path).setDescription(path + " " + rule).build());
	}

	/** @throws InvalidRequestException when any rule was broken */
	void throwIfAny() {
		if (!this.violations.isEmpty()) {
			throw new InvalidRequestException(this.violations);
		}
	}

}

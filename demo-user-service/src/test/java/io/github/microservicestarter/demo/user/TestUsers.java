package io.github.microservicestarter.demo.user;

import java.util.List;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * Requests and error details the tests share.
 */
final class TestUsers {

	private TestUsers() {
	}

	/** An email no other test uses. */
	static String uniqueEmail(String name) {
		return "%s-%s@example.com".formatted(name.toLowerCase().replace(' ', '.'), UUID.randomUUID());
	}

	/** A valid request for a user with a unique email. */
	static CreateUserRequest newUser(String name) {
		return CreateUserRequest.newBuilder().setName(name).setEmail(uniqueEmail(name)).build();
	}

	/** The fields a failed call's google.rpc.BadRequest names, in order. */
	static List<String> violatedFields(StatusRuntimeException failure) {
		return violatedFields(StatusProto.fromThrowable(failure));
	}

	/** The fields a status's google.rpc.BadRequest names, in order. */
	static List<String> violatedFields(Status status) {
		try {
			for (var detail : status.getDetailsList()) {
				if (detail.is(BadRequest.class)) {
					return detail.unpack(BadRequest.class)
						.getFieldViolationsList()
						.stream()
						.map(BadRequest.FieldViolation::getField)
						.toList();
				}
			}
			return List.of();
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

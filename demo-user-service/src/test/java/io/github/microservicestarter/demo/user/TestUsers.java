package io.github.microservicestarter.demo.user;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.Status;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
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

	/**
	 * Two clients, each on its own channel, rename the user they both read at the same moment.
	 * @return the codes of their calls: the one renaming to "A", then the one renaming to "B"
	 */
	static List<Code> updateConcurrently(int port, User read) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Code>> calls = Stream.of("A", "B")
			.map((name) -> CompletableFuture.supplyAsync(() -> rename(port, start, read, name)))
			.toList();
		start.countDown();
		List<Code> codes = new ArrayList<>();
		for (CompletableFuture<Code> call : calls) {
			codes.add(call.get(30, TimeUnit.SECONDS));
		}
		return codes;
	}

	/** A request to rename the user, at the version read. */
	static UpdateUserRequest rename(User read, String name) {
		return UpdateUserRequest.newBuilder()
			.setUser(read.toBuilder().setName(name))
			.setUpdateMask(FieldMask.newBuilder().addPaths("name"))
			.build();
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

	private static Code rename(int port, CountDownLatch start, User read, String name) {
		ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
		try {
			UserServiceGrpc.UserServiceBlockingStub users = UserServiceGrpc.newBlockingStub(channel)
				.withDeadlineAfter(30, TimeUnit.SECONDS);
			start.await();
			users.updateUser(rename(read, name));
			return Code.OK;
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus().getCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			channel.shutdownNow();
		}
	}

}

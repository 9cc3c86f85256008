package io.github.microservicestarter.errors;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a service puts in a status, what leaves the server is within bounds: a description of
 * at most 1 KB of UTF-8 (the one sent if it fits, else a prefix of it and "..."), status details of
 * at most 4 KB (those sent if they fit), and never an exception on the way.
 */
class StatusBoundsFuzzTests {

	@FuzzTest
	void anyDescriptionAndDetailsLeaveWithinBounds(FuzzedDataProvider data) {
		// Repeated, so that small inputs make large descriptions and details.
		String description = data.consumeString(200).repeat(data.consumeInt(1, 20));
		com.google.rpc.Status.Builder sent = com.google.rpc.Status.newBuilder()
			.setCode(data.consumeInt())
			.setMessage(data.consumeString(200).repeat(data.consumeInt(1, 20)));
		Any detail = Any.newBuilder()
			.setTypeUrl(data.consumeString(50))
			.setValue(ByteString.copyFrom(data.consumeBytes(100)))
			.build();
		for (int i = data.consumeInt(0, 60); i > 0; i--) {
			sent.addDetails(detail);
		}
		// Bytes of the service's own, which may hold fields google.rpc.Status does not know.
		byte[] details = sent.build().toByteArray();
		byte[] more = data.consumeBytes(100);
		for (int i = data.consumeInt(0, 60); i > 0; i--) {
			details = concat(details, more);
		}
		Metadata trailers = new Metadata();
		trailers.put(StatusBounds.DETAILS_KEY, details);

		String bounded = StatusBounds.bound(Status.INVALID_ARGUMENT.withDescription(description)).getDescription();
		StatusBounds.bound(trailers);

		assertThat(bounded.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(StatusBounds.MAX_DESCRIPTION_BYTES);
		if (description.getBytes(StandardCharsets.UTF_8).length <= StatusBounds.MAX_DESCRIPTION_BYTES) {
			assertThat(bounded).isEqualTo(description);
		}
		else {
			assertThat(bounded).endsWith("...");
			assertThat(description).startsWith(bounded.substring(0, bounded.length() - 3));
		}
		byte[] left = trailers.get(StatusBounds.DETAILS_KEY);
		if (details.length <= StatusBounds.MAX_DETAILS_BYTES) {
			assertThat(left).isEqualTo(details);
		}
		else if (left != null) {
			assertThat(left.length).isLessThanOrEqualTo(StatusBounds.MAX_DETAILS_BYTES);
		}
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}

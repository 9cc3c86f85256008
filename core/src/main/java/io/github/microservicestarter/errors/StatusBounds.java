package io.github.microservicestarter.errors;

import java.nio.charset.StandardCharsets;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;

/**
 * Keeps what a call's status tells its client small, whatever the request held: a description
 * echoing a 4 MB request field would travel back in full, and past the client's header limit
 * (8 KB in grpc-java) the client sees only INTERNAL "http2 exception". A description is cut to
 * {@value #MAX_DESCRIPTION_BYTES} bytes of UTF-8; {@code google.rpc.Status} details
 * ({@code grpc-status-details-bin}) larger than {@value #MAX_DETAILS_BYTES} bytes keep the cut
 * message and lose their details.
 */
final class StatusBounds {

	/** The most bytes of a status description. */
	static final int MAX_DESCRIPTION_BYTES = 1024;

	/** The most bytes of a status's details. */
	static final int MAX_DETAILS_BYTES = 4096;

	static final Metadata.Key<byte[]> DETAILS_KEY = Metadata.Key.of("grpc-status-details-bin",
			Metadata.BINARY_BYTE_MARSHALLER);

	private static final Metadata.Key<com.google.rpc.Status> DETAILS = Metadata.Key.of("grpc-status-details-bin",
			ProtoUtils.metadataMarshaller(com.google.rpc.Status.getDefaultInstance()));

	private static final String CUT = "...";

	private StatusBounds() {
	}

	/**
	 * The status with its description cut to the bound.
	 * @param status the status
	 * @return it, or a copy with a shorter description
	 */
	static Status bound(Status status) {
		String description = status.getDescription();
		if (description == null || fits(description)) {
			return status;
		}
		return status.withDescription(cut(description));
	}

	/**
	 * Cuts the trailers' status details to the bound, in place.
	 * @param trailers the trailers
	 */
	static void bound(Metadata trailers) {
		byte[] details = trailers.get(DETAILS_KEY);
		if (details == null || details.length <= MAX_DETAILS_BYTES) {
			return;
		}
		com.google.rpc.Status.Builder status;
		try {
			status = com.google.rpc.Status.parseFrom(details).toBuilder();
		}
		catch (InvalidProtocolBufferException ex) {
			trailers.removeAll(DETAILS_KEY);
			return;
		}
		status.setMessage(fits(status.getMessage()) ? status.getMessage() : cut(status.getMessage()));
		if (status.build().getSerializedSize() > MAX_DETAILS_BYTES) {
			// Without the details, and without fields google.rpc.Status does not know, which are as large.
			status = com.google.rpc.Status.newBuilder().setCode(status.getCode()).setMessage(status.getMessage());
		}
		trailers.removeAll(DETAILS_KEY);
		trailers.put(DETAILS, status.build());
	}

	private static boolean fits(String text) {
		return text.length() <= MAX_DESCRIPTION_BYTES / 3
				|| text.getBytes(StandardCharsets.UTF_8).length <= MAX_DESCRIPTION_BYTES;
	}

	/** As many whole characters as fit in the bound with the mark of the cut. */
	static String cut(String text) {
		int budget = MAX_DESCRIPTION_BYTES - CUT.length();
		int bytes = 0;
		int end = 0;
		while (end < text.length()) {
			int codePoint = text.codePointAt(end);
			int size = (codePoint < 0x80) ? 1 : (codePoint < 0x800) ? 2 : (codePoint < 0x10000) ? 3 : 4;
			if (bytes + size > budget) {
				break;
			}
			bytes += size;
			end += Character.charCount(codePoint);
		}
		return text.substring(0, end) + CUT;
	}

}

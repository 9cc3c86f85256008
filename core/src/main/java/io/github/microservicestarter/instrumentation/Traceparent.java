package io.github.microservicestarter.instrumentation;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import io.grpc.Metadata;

/**
 * The W3C {@code traceparent} header ({@code 00-<trace id>-<parent id>-<flags>}), read and written
 * by hand for calls that are not sampled, which go without the tracer's spans and propagators.
 *
 * @param traceId the trace id, 32 lowercase hex digits
 * @param parentId the caller's span id, 16 lowercase hex digits
 * @param sampled whether the caller sampled the trace
 */
record Traceparent(String traceId, String parentId, boolean sampled) {

	static final Metadata.Key<String> KEY = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

	private static final int TRACE_ID_END = 35;

	private static final int PARENT_ID_END = 52;

	private static final int LENGTH = 55;

	private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

	/**
	 * Reads a header as the W3C specification says: version 00 exactly, a later version by its first
	 * fields, anything else (or an all-zero id) not at all.
	 * @param value the header's value
	 * @return the caller's context, or null when the value is not a valid traceparent
	 */
	static Traceparent parse(String value) {
		boolean validLength = (value.length() == LENGTH)
				|| (value.length() > LENGTH && value.charAt(LENGTH) == '-' && !value.startsWith("00"));
		if (!validLength || value.startsWith("ff") || !isHex(value, 0, 2) || value.charAt(2) != '-'
				|| value.charAt(TRACE_ID_END) != '-' || value.charAt(PARENT_ID_END) != '-'
				|| !isHex(value, 3, TRACE_ID_END) || !isHex(value, TRACE_ID_END + 1, PARENT_ID_END)
				|| !isHex(value, PARENT_ID_END + 1, LENGTH) || isZero(value, 3, TRACE_ID_END)
				|| isZero(value, TRACE_ID_END + 1, PARENT_ID_END)) {
			return null;
		}
		boolean sampled = (Character.digit(value.charAt(LENGTH - 1), 16) & 1) != 0;
		return new Traceparent(value.substring(3, TRACE_ID_END), value.substring(TRACE_ID_END + 1, PARENT_ID_END),
				sampled);
	}

	/**
	 * Puts an unsampled traceparent in a call's metadata, in place of any there.
	 * @param headers the call's metadata
	 * @param traceId the trace id
	 * @param parentId the span id the next app takes as its parent
	 */
	static void putUnsampled(Metadata headers, String traceId, String parentId) {
		headers.removeAll(KEY);
		headers.put(KEY, "00-" + traceId + "-" + parentId + "-00");
	}

	/** A new random trace id, as OpenTelemetry makes them: the low half never zero. */
	static String newTraceId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long low;
		do {
			low = random.nextLong();
		}
		while (low == 0);
		byte[] hex = new byte[32];
		writeHex(random.nextLong(), hex, 0);
		writeHex(low, hex, 16);
		return new String(hex, StandardCharsets.ISO_8859_1);
	}

	/** A new random span id, never zero. */
	static String newSpanId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long id;
		do {
			id = random.nextLong();
		}
		while (id == 0);
		byte[] hex = new byte[16];
		writeHex(id, hex, 0);
		return new String(hex, StandardCharsets.ISO_8859_1);
	}

	private static void writeHex(long value, byte[] hex, int offset) {
		for (int i = 15; i >= 0; i--) {
			hex[offset + 15 - i] = DIGITS[(int) (value >>> (i * 4)) & 0xf];
		}
	}

	/** Lowercase hex only: the specification forbids uppercase. */
	private static boolean isHex(String value, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = value.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isZero(String value, int from, int to) {
		for (int i = from; i < to; i++) {
			if (value.charAt(i) != '0') {
				return false;
			}
		}
		return true;
	}

}

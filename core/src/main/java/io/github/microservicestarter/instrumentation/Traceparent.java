package io.github.microservicestarter.instrumentation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.grpc.Metadata;

/**
 * The W3C {@code traceparent} header ({@code 00-<trace id>-<parent id>-<flags>}), read and written
 * by hand for calls that are not sampled, which go without the tracer's spans and propagators.
 */
final class Traceparent {

	static final Metadata.Key<String> KEY = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

	private static final int TRACE_ID_END = 35;

	private static final int PARENT_ID_END = 52;

	private static final int LENGTH = 55;

	/** Lowercase, as the specification requires; its strings keep the digits' array without a copy. */
	private static final HexFormat HEX = HexFormat.of();

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private final String value;

	private final String traceId;

	private final boolean sampled;

	private Traceparent(String value) {
		this.value = value;
		this.traceId = value.substring(3, TRACE_ID_END);
		this.sampled = (Character.digit(value.charAt(LENGTH - 1), 16) & 1) != 0;
	}

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
		return new Traceparent(value);
	}

	/**
	 * The trace id.
	 * @return 32 lowercase hex digits
	 */
	String traceId() {
		return this.traceId;
	}

	/**
	 * The caller's span id, cut from the header only when asked: a trace the caller did not sample
	 * goes on with its trace id alone, unless the app's own sampler wants to see its parent.
	 * @return 16 lowercase hex digits
	 */
	String parentId() {
		return this.value.substring(TRACE_ID_END + 1, PARENT_ID_END);
	}

	/**
	 * Whether the caller sampled the trace.
	 * @return its flag
	 */
	boolean sampled() {
		return this.sampled;
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
		byte[] id = new byte[16];
		LONGS.set(id, 0, random.nextLong());
		LONGS.set(id, 8, low);
		return HEX.formatHex(id);
	}

	/** A new random span id, never zero. */
	static String newSpanId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long id;
		do {
			id = random.nextLong();
		}
		while (id == 0);
		return HEX.toHexDigits(id);
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

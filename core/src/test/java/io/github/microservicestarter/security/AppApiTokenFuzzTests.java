package io.github.microservicestarter.security;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.grpc.InternalMetadata;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever headers a call arrives with, as the transport hands them over (names and values as
 * bytes), the app API token check lets it through exactly when its (last) dapr-api-token header
 * holds the token byte for byte, refuses it otherwise with UNAUTHENTICATED and one of its two fixed
 * descriptions, which repeat nothing of the call's, and never fails itself. The questions Dapr's
 * sidecar asks without the token always get through.
 */
class AppApiTokenFuzzTests {

	private static final MethodDescriptor.Marshaller<Void> NOTHING = new MethodDescriptor.Marshaller<>() {

		@Override
		public InputStream stream(Void value) {
			return InputStream.nullInputStream();
		}

		@Override
		public Void parse(InputStream stream) {
			return null;
		}

	};

	private static final MethodDescriptor<Void, Void> METHOD = method("test.Service/Call");

	private static final MethodDescriptor<Void, Void> HEALTH_CHECK = method(
			"dapr.proto.runtime.v1.AppCallbackHealthCheck/HealthCheck");

	private static final Set<String> REFUSALS = Set.of(
			"This app requires the dapr-api-token header: call it through its Dapr sidecar, or send the app API"
					+ " token in that header",
			"The dapr-api-token header does not hold this app's API token");

	private static final byte[] TOKEN_NAME = "dapr-api-token".getBytes(StandardCharsets.US_ASCII);

	private final RefusedCalls refusedCalls = new RefusedCalls(null, Duration.ofDays(1));

	@FuzzTest
	void anyHeadersPassOnlyWithTheToken(FuzzedDataProvider data) {
		String token = "s3cret-" + data.consumeAsciiString(40);
		byte[] tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
		MethodDescriptor<Void, Void> method = data.consumeBoolean() ? METHOD : HEALTH_CHECK;
		List<byte[]> namesAndValues = new ArrayList<>();
		byte[] lastPresented = null;
		for (int i = data.consumeInt(0, 8); i > 0; i--) {
			byte[] name = switch (data.consumeInt(0, 3)) {
				case 0 -> TOKEN_NAME;
				case 1 -> "dapr-caller-app-id".getBytes(StandardCharsets.US_ASCII);
				default -> data.consumeAsciiString(20).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
			};
			// The token, a byte of it changed, a prefix or extension of it, or any bytes.
			byte[] value = switch (data.consumeInt(0, 3)) {
				case 0 -> tokenBytes.clone();
				case 1 -> {
					byte[] changed = tokenBytes.clone();
					changed[data.consumeInt(0, changed.length - 1)] ^= (byte) data.consumeInt(1, 255);
					yield changed;
				}
				case 2 -> Arrays.copyOf(tokenBytes, data.consumeInt(0, tokenBytes.length + 4));
				default -> data.consumeBytes(200);
			};
			namesAndValues.add(name);
			namesAndValues.add(value);
			if (Arrays.equals(name, TOKEN_NAME)) {
				lastPresented = value;
			}
		}
		Metadata headers = InternalMetadata.newMetadata(namesAndValues.toArray(new byte[0][]));
		RecordingCall call = new RecordingCall(method);
		boolean[] passed = { false };
		ServerCallHandler<Void, Void> next = (started, startedHeaders) -> {
			passed[0] = true;
			return new ServerCall.Listener<Void>() {
			};
		};
		new AppApiTokenInterceptor(token, Set.of(), this.refusedCalls).interceptCall(call, headers, next);

		boolean holdsToken = Arrays.equals(lastPresented, tokenBytes);
		assertThat(passed[0]).isEqualTo(method == HEALTH_CHECK || holdsToken);
		if (passed[0]) {
			assertThat(call.closedWith).isNull();
		}
		else {
			assertThat(call.closedWith.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
			assertThat(call.closedWith.getDescription()).isIn(REFUSALS);
		}
	}

	private static MethodDescriptor<Void, Void> method(String name) {
		return MethodDescriptor.<Void, Void>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(name)
			.setRequestMarshaller(NOTHING)
			.setResponseMarshaller(NOTHING)
			.build();
	}

	private static final class RecordingCall extends ServerCall<Void, Void> {

		private final MethodDescriptor<Void, Void> method;

		private Status closedWith;

		RecordingCall(MethodDescriptor<Void, Void> method) {
			this.method = method;
		}

		@Override
		public void request(int numMessages) {
		}

		@Override
		public void sendHeaders(Metadata headers) {
		}

		@Override
		public void sendMessage(Void message) {
		}

		@Override
		public void close(Status status, Metadata trailers) {
			this.closedWith = status;
		}

		@Override
		public boolean isCancelled() {
			return false;
		}

		@Override
		public MethodDescriptor<Void, Void> getMethodDescriptor() {
			return this.method;
		}

	}

}

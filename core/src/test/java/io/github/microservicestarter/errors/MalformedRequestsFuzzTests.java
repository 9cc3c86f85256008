package io.github.microservicestarter.errors;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;

import io.github.microservicestarter.errors.MalformedRequests.NullWhenUnreadable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes arrive as a request, the call gets the message they encode, or ends
 * INVALID_ARGUMENT before the service sees anything: never an exception, which grpc-java would
 * answer with UNKNOWN and a stack trace in the log.
 */
class MalformedRequestsFuzzTests {

	private static final MethodDescriptor<Struct, Struct> METHOD = MethodDescriptor.<Struct, Struct>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName("test.Service/Call")
		.setRequestMarshaller(ProtoUtils.marshaller(Struct.getDefaultInstance()))
		.setResponseMarshaller(ProtoUtils.marshaller(Struct.getDefaultInstance()))
		.build();

	/** A recursive message, the hardest for a reader: structs of lists of structs. */
	private final NullWhenUnreadable<Struct> reader = new NullWhenUnreadable<>(METHOD.getRequestMarshaller());

	private final CallErrorsInterceptor interceptor = new CallErrorsInterceptor(
			new ExceptionStatuses(List.of(), new ServerWarnings()));

	@FuzzTest
	void anyRequestBytesReachTheServiceAsTheMessageOrEndInvalidArgument(byte[] request) {
		Struct encoded;
		try {
			encoded = Struct.parseFrom(request);
		}
		catch (InvalidProtocolBufferException ex) {
			encoded = null;
		}
		Struct read = this.reader.parse(new ByteArrayInputStream(request));
		assertThat(read).isEqualTo(encoded);

		RecordingCall call = new RecordingCall();
		List<Struct> served = new ArrayList<>();
		ServerCallHandler<Struct, Struct> service = (started, headers) -> new ServerCall.Listener<Struct>() {

			@Override
			public void onMessage(Struct message) {
				served.add(message);
			}

		};
		ServerCall.Listener<Struct> listener = this.interceptor.interceptCall(call, new Metadata(), service);
		listener.onMessage(read);
		listener.onHalfClose();
		if (encoded != null) {
			assertThat(served).containsExactly(encoded);
			assertThat(call.closedWith).isNull();
		}
		else {
			assertThat(served).isEmpty();
			assertThat(call.closedWith.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		}
	}

	private static final class RecordingCall extends ServerCall<Struct, Struct> {

		private Status closedWith;

		@Override
		public void request(int numMessages) {
		}

		@Override
		public void sendHeaders(Metadata headers) {
		}

		@Override
		public void sendMessage(Struct message) {
		}

		@Override
		public void close(Status status, Metadata trailers) {
			assertThat(this.closedWith).as("closed once").isNull();
			this.closedWith = status;
		}

		@Override
		public boolean isCancelled() {
			return false;
		}

		@Override
		public MethodDescriptor<Struct, Struct> getMethodDescriptor() {
			return METHOD;
		}

	}

}

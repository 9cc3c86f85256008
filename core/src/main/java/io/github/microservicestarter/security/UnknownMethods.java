package io.github.microservicestarter.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;

/**
 * Answers the methods the app does not serve, as grpc-java does ({@code UNIMPLEMENTED}), but only
 * behind the app API token: a caller without it learns nothing of which methods exist. Installed
 * as the server's fallback handler registry.
 */
public class UnknownMethods extends HandlerRegistry {

	private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	};

	/** The longest method name repeated in an answer: the caller chose it, and may make it long. */
	private static final int MAX_NAME_IN_ANSWER = 200;

	private static final ServerCallHandler<byte[], byte[]> UNIMPLEMENTED = (call, headers) -> {
		String method = call.getMethodDescriptor().getFullMethodName();
		if (method.length() > MAX_NAME_IN_ANSWER) {
			method = method.substring(0, MAX_NAME_IN_ANSWER) + "...";
		}
		call.close(Status.UNIMPLEMENTED.withDescription("Method not found: " + method), new Metadata());
		return new ServerCall.Listener<>() {
		};
	};

	private final ServerInterceptor tokenCheck;

	/**
	 * Creates the registry.
	 * @param tokenCheck the app API token's check, run before the answer
	 */
	public UnknownMethods(ServerInterceptor tokenCheck) {
		this.tokenCheck = tokenCheck;
	}

	@Override
	public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
		MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
			.setType(MethodDescriptor.MethodType.UNKNOWN)
			.setFullMethodName(methodName)
			.setRequestMarshaller(BYTES)
			.setResponseMarshaller(BYTES)
			.build();
		return ServerMethodDefinition.create(method,
				(call, headers) -> this.tokenCheck.interceptCall(call, headers, UNIMPLEMENTED));
	}

}

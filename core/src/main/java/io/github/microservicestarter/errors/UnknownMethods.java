package io.github.microservicestarter.errors;

import java.io.InputStream;

import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;

import io.github.microservicestarter.server.GrpcServerCustomizer;

import org.springframework.core.Ordered;

/**
 * Answers a call of a method the server does not serve with UNIMPLEMENTED naming at most
 * {@value #MAX_NAME_LENGTH} characters of it: grpc-java's own answer repeats the whole name the
 * client sent, as long as the header limit lets it be. Set on the server as its fallback registry.
 */
public class UnknownMethods extends HandlerRegistry implements GrpcServerCustomizer, Ordered {

	/** The most characters of an unknown method's name an answer repeats. */
	static final int MAX_NAME_LENGTH = 200;

	private static final MethodDescriptor.Marshaller<InputStream> UNREAD = new MethodDescriptor.Marshaller<>() {

		@Override
		public InputStream stream(InputStream value) {
			return value;
		}

		@Override
		public InputStream parse(InputStream stream) {
			return stream;
		}

	};

	@Override
	public void customize(ServerBuilder<?> builder) {
		builder.fallbackHandlerRegistry(this);
	}

	/** With the limits and the admission control, before the app's customizers. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

	@Override
	public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
		MethodDescriptor<InputStream, InputStream> method = MethodDescriptor.<InputStream, InputStream>newBuilder()
			.setType(MethodType.UNKNOWN)
			.setFullMethodName(methodName)
			.setRequestMarshaller(UNREAD)
			.setResponseMarshaller(UNREAD)
			.build();
		String name = (methodName.length() <= MAX_NAME_LENGTH) ? methodName
				: methodName.substring(0, MAX_NAME_LENGTH) + "...";
		return ServerMethodDefinition.create(method, (call, headers) -> {
			call.close(Status.UNIMPLEMENTED.withDescription("Method not found: " + name), new Metadata());
			return new ServerCall.Listener<>() {
			};
		});
	}

}

package io.github.microservicestarter.errors;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;

/**
 * Lets a service's calls survive requests that are not valid messages. grpc-java reads each
 * request before any interceptor sees it, and a request it cannot read ends the call with UNKNOWN
 * "Application error processing RPC" and a stack trace in the log, per request. Each Spring Boot
 * line's binding passes the services it serves through {@link #tolerate}: a request that cannot be
 * read then reaches the interceptors as null, and {@link CallErrorsInterceptor} ends its call with
 * INVALID_ARGUMENT.
 */
public final class MalformedRequests {

	private MalformedRequests() {
	}

	/**
	 * The service with request readers that give null for a request they cannot read.
	 * @param service the service
	 * @return the same service and handlers, with those readers
	 */
	public static ServerServiceDefinition tolerate(ServerServiceDefinition service) {
		ServiceDescriptor descriptor = service.getServiceDescriptor();
		ServiceDescriptor.Builder tolerantDescriptor = ServiceDescriptor.newBuilder(descriptor.getName())
			.setSchemaDescriptor(descriptor.getSchemaDescriptor());
		List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
		for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
			ServerMethodDefinition<?, ?> tolerant = tolerate(method);
			tolerantDescriptor.addMethod(tolerant.getMethodDescriptor());
			methods.add(tolerant);
		}
		ServerServiceDefinition.Builder tolerantService = ServerServiceDefinition.builder(tolerantDescriptor.build());
		methods.forEach(tolerantService::addMethod);
		return tolerantService.build();
	}

	private static <Q, A> ServerMethodDefinition<Q, A> tolerate(ServerMethodDefinition<Q, A> method) {
		MethodDescriptor<Q, A> descriptor = method.getMethodDescriptor();
		if (descriptor.getRequestMarshaller() instanceof NullWhenUnreadable) {
			return method;
		}
		MethodDescriptor<Q, A> tolerant = descriptor.toBuilder()
			.setRequestMarshaller(new NullWhenUnreadable<>(descriptor.getRequestMarshaller()))
			.build();
		return ServerMethodDefinition.create(tolerant, method.getServerCallHandler());
	}

	/**
	 * Reads requests as the service's reader does, giving null for one it cannot read.
	 */
	static final class NullWhenUnreadable<T> implements Marshaller<T> {

		private final Marshaller<T> reader;

		NullWhenUnreadable(Marshaller<T> reader) {
			this.reader = reader;
		}

		@Override
		public InputStream stream(T value) {
			return this.reader.stream(value);
		}

		@Override
		public T parse(InputStream stream) {
			try {
				return this.reader.parse(stream);
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

	}

}

package io.github.microservicestarter.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;

/**
 * A one-method gRPC service for tests, without generated code: the request and response are
 * strings, and the handler given to the constructor answers.
 */
public class ProbeService implements BindableService {

	public static final MethodDescriptor<String, String> CALL = MethodDescriptor.<String, String>newBuilder()
		.setType(MethodType.UNARY)
		.setFullMethodName("test.Probe/Call")
		.setRequestMarshaller(new Utf8Marshaller())
		.setResponseMarshaller(new Utf8Marshaller())
		.build();

	private final UnaryOperator<String> handler;

	/**
	 * Creates the service.
	 * @param handler what the method does with a request: it runs on the server's executor
	 */
	public ProbeService(UnaryOperator<String> handler) {
		this.handler = handler;
	}

	/**
	 * A service that answers with the name of the thread that ran the method.
	 * @return the service
	 */
	static ProbeService threadName() {
		return new ProbeService((request) -> Thread.currentThread().getName());
	}

	@Override
	public ServerServiceDefinition bindService() {
		return ServerServiceDefinition.builder("test.Probe")
			.addMethod(CALL, ServerCalls.asyncUnaryCall((request, responseObserver) -> {
				responseObserver.onNext(this.handler.apply(request));
				responseObserver.onCompleted();
			}))
			.build();
	}

	/**
	 * Calls the method and waits for the answer.
	 * @param channel the channel to the server
	 * @return the answer
	 */
	public static String call(Channel channel) {
		return call(channel, "probe");
	}

	/**
	 * Calls the method with a request and waits for the answer.
	 * @param channel the channel to the server
	 * @param request the request
	 * @return the answer
	 */
	public static String call(Channel channel, String request) {
		return ClientCalls.blockingUnaryCall(channel, CALL, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
				request);
	}

	/**
	 * Calls the method without waiting.
	 * @param channel the channel to the server
	 * @return the answer to come
	 */
	public static Future<String> callAsync(Channel channel) {
		return ClientCalls.futureUnaryCall(
				channel.newCall(CALL, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)), "probe");
	}

	private static final class Utf8Marshaller implements MethodDescriptor.Marshaller<String> {

		@Override
		public InputStream stream(String value) {
			return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String parse(InputStream stream) {
			try {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}

package io.github.microservicestarter.bench.jmh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

/**
 * The service whose calls the chain benchmark drives: one unary method answered at once, by a
 * handler that does what grpc-java's unary handler does to the call (asks for the request, then
 * sends headers, the reply and OK with trailers of its own) and nothing else, so that what the
 * benchmark measures beyond it is the interceptor chain the app's server puts in front of it.
 */
public final class ChainService implements BindableService {

	/** The service's full name. */
	public static final String SERVICE = "bench.Chain";

	/** The one method, unary, its messages strings. */
	public static final MethodDescriptor<String, String> METHOD = MethodDescriptor.<String, String>newBuilder()
		.setType(MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Call"))
		.setRequestMarshaller(Utf8.INSTANCE)
		.setResponseMarshaller(Utf8.INSTANCE)
		.build();

	/** The request every call sends. */
	public static final String REQUEST = "bench";

	/** The reply every call gets. */
	public static final String REPLY = "Hello bench";

	/**
	 * Run inside the handler of the next calls while set: the benchmarks' setup checks there what
	 * the chain made current (the call's trace). Null while measuring.
	 */
	private volatile Runnable probe;

	/**
	 * The handler alone, without any interceptor: what the chain benchmark's baseline calls.
	 * @return the handler
	 */
	public ServerCallHandler<String, String> handler() {
		return (call, headers) -> {
			call.request(2);
			return new UnaryListener(call, this.probe);
		};
	}

	/**
	 * Runs an action inside the handler of the calls that follow, until it is set to null.
	 * @param probe the action, or null
	 */
	void probe(Runnable probe) {
		this.probe = probe;
	}

	@Override
	public ServerServiceDefinition bindService() {
		return ServerServiceDefinition.builder(SERVICE).addMethod(METHOD, handler()).build();
	}

	/** One call's listener: answers when the client half-closes, as a unary handler does. */
	private static final class UnaryListener extends ServerCall.Listener<String> {

		private final ServerCall<String, String> call;

		private final Runnable probe;

		UnaryListener(ServerCall<String, String> call, Runnable probe) {
			this.call = call;
			this.probe = probe;
		}

		@Override
		public void onHalfClose() {
			if (this.probe != null) {
				this.probe.run();
			}
			this.call.sendHeaders(new Metadata());
			this.call.sendMessage(REPLY);
			this.call.close(Status.OK, new Metadata());
		}

	}

	/** Strings as UTF-8; never asked in the benchmark, which passes messages as objects. */
	private enum Utf8 implements MethodDescriptor.Marshaller<String> {

		INSTANCE;

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

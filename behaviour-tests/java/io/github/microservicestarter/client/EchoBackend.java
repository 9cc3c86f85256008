package io.github.microservicestarter.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.util.concurrent.Uninterruptibles;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import io.github.microservicestarter.client.probe.EchoGrpc;
import io.github.microservicestarter.client.probe.EchoReply;
import io.github.microservicestarter.client.probe.EchoRequest;

/**
 * A plain grpc-java server of the Echo service on a free loopback port, standing for one instance
 * of a target app. It records every call it receives (an attempt, for retries) with its headers
 * and deadline, and can refuse the next attempts of a method with UNAVAILABLE.
 */
final class EchoBackend implements AutoCloseable {

	/** Requests with this text are never answered: the caller's deadline or cancellation ends them. */
	static final String HANG = "hang";

	/** Requests with this text are answered once {@link #release()} is called. */
	static final String HOLD = "hold";

	private final CountDownLatch released = new CountDownLatch(1);

	/** Headers every gRPC client sends, whatever the application does. */
	private static final Set<String> TRANSPORT_HEADERS = Set.of("user-agent", "content-type", "grpc-accept-encoding",
			"te", "grpc-timeout");

	private final String name;

	private final Server server;

	private final List<ReceivedCall> calls = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();

	private EchoBackend(String name, int port, ServerCredentials credentials, ServerInterceptor... interceptors)
			throws IOException {
		this.name = name;
		ServerInterceptor[] all = Arrays.copyOf(interceptors, interceptors.length + 1);
		// Last, so it runs first: it records every call, those the others refuse too.
		all[interceptors.length] = new Recorder();
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port), credentials)
			.addService(ServerInterceptors.intercept(new Echo(), all))
			.build()
			.start();
	}

	/**
	 * Starts a plaintext backend.
	 * @param name its name, in every reply
	 * @return the running backend
	 */
	static EchoBackend start(String name) throws IOException {
		return new EchoBackend(name, 0, InsecureServerCredentials.create());
	}

	/**
	 * Starts a backend.
	 * @param name its name, in every reply
	 * @param credentials its transport security
	 * @param interceptors interceptors of its calls, after the one that records them
	 * @return the running backend
	 */
	static EchoBackend start(String name, ServerCredentials credentials, ServerInterceptor... interceptors)
			throws IOException {
		return new EchoBackend(name, 0, credentials, interceptors);
	}

	/**
	 * Starts a plaintext backend on a given port.
	 * @param name its name, in every reply
	 * @param port its port on the loopback address
	 * @return the running backend
	 */
	static EchoBackend start(String name, int port) throws IOException {
		return new EchoBackend(name, port, InsecureServerCredentials.create());
	}

	/** Waits until the backend is shut down. */
	void awaitTermination() throws InterruptedException {
		this.server.awaitTermination();
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.server.getPort();
	}

	/** This backend's address as a static target entry. */
	String address() {
		return "127.0.0.1:" + port();
	}

	/** Every call received, in order. */
	List<ReceivedCall> calls() {
		return List.copyOf(this.calls);
	}

	/** How many calls of a method were received, by its bare name (Get, Post, ...). */
	long attempts(String method) {
		return this.calls.stream().filter((call) -> call.method().equals(method)).count();
	}

	/** Answers the next attempts of a method with UNAVAILABLE. */
	void refuseNext(String method, int attempts) {
		this.refusals.put(method, new AtomicInteger(attempts));
	}

	/** Answers the requests held so far and from now on. */
	void release() {
		this.released.countDown();
	}

	@Override
	public void close() throws InterruptedException {
		release();
		this.server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	/**
	 * A call as the server received it.
	 * @param method the bare method name
	 * @param headers its headers
	 * @param timeout the time its deadline left when it arrived, or null for a call without one
	 */
	record ReceivedCall(String method, Metadata headers, Duration timeout) {

		/** The headers the application sent: all but the standard ones of every gRPC client. */
		Map<String, String> applicationHeaders() {
			Map<String, String> result = new TreeMap<>();
			for (String key : this.headers.keys()) {
				if (!TRANSPORT_HEADERS.contains(key) && !key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
					result.put(key, this.headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)));
				}
			}
			return result;
		}

	}

	private final class Recorder implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			String method = call.getMethodDescriptor().getBareMethodName();
			// The call's own context is current here: its deadline is the one the client sent.
			Deadline deadline = Context.current().getDeadline();
			Duration timeout = (deadline != null) ? Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS))
					: null;
			EchoBackend.this.calls.add(new ReceivedCall(method, headers, timeout));
			AtomicInteger refusals = EchoBackend.this.refusals.get(method);
			if (refusals != null && refusals.getAndDecrement() > 0) {
				call.close(Status.UNAVAILABLE.withDescription(EchoBackend.this.name + " refuses this attempt"),
						new Metadata());
				return new ServerCall.Listener<>() {
				};
			}
			return next.startCall(call, headers);
		}

	}

	private final class Echo extends EchoGrpc.EchoImplBase {

		@Override
		public void get(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
			answer(request, responseObserver);
		}

		@Override
		public void post(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
			answer(request, responseObserver);
		}

		private void answer(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
			if (request.getText().equals(HANG)) {
				return;
			}
			if (request.getText().equals(HOLD)) {
				Uninterruptibles.awaitUninterruptibly(EchoBackend.this.released, 10, TimeUnit.SECONDS);
			}
			responseObserver.onNext(reply(request.getText()));
			responseObserver.onCompleted();
		}

		@Override
		public void split(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
			for (String word : request.getText().split(" ")) {
				responseObserver.onNext(reply(word));
			}
			responseObserver.onCompleted();
		}

		@Override
		public StreamObserver<EchoRequest> join(StreamObserver<EchoReply> responseObserver) {
			List<String> texts = new ArrayList<>();
			return new StreamObserver<>() {

				@Override
				public void onNext(EchoRequest request) {
					texts.add(request.getText());
				}

				@Override
				public void onError(Throwable error) {
				}

				@Override
				public void onCompleted() {
					responseObserver.onNext(reply(String.join(" ", texts)));
					responseObserver.onCompleted();
				}

			};
		}

		@Override
		public StreamObserver<EchoRequest> chat(StreamObserver<EchoReply> responseObserver) {
			return new StreamObserver<>() {

				@Override
				public void onNext(EchoRequest request) {
					responseObserver.onNext(reply(request.getText()));
				}

				@Override
				public void onError(Throwable error) {
				}

				@Override
				public void onCompleted() {
					responseObserver.onCompleted();
				}

			};
		}

		private EchoReply reply(String text) {
			return EchoReply.newBuilder().setText(text).setBackend(EchoBackend.this.name).build();
		}

	}

}

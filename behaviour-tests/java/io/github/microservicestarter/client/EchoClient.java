package io.github.microservicestarter.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.common.collect.Lists;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.stub.StreamObserver;

import io.github.microservicestarter.client.probe.EchoGrpc;
import io.github.microservicestarter.client.probe.EchoReply;
import io.github.microservicestarter.client.probe.EchoRequest;

/**
 * Makes each kind of Echo call on a channel, with a deadline so that a broken test fails instead
 * of hanging.
 */
final class EchoClient {

	private static final long DEADLINE_SECONDS = 10;

	private final Channel channel;

	EchoClient(Channel channel) {
		this.channel = channel;
	}

	/** A client whose calls also go through the given interceptor. */
	EchoClient withInterceptor(ClientInterceptor interceptor) {
		return new EchoClient(ClientInterceptors.intercept(this.channel, interceptor));
	}

	/** Unary, declared idempotent. */
	EchoReply get(String text) {
		return blocking().get(request(text));
	}

	/** Unary, not declared idempotent. */
	EchoReply post(String text) {
		return blocking().post(request(text));
	}

	/** Server streaming. */
	List<EchoReply> split(String text) {
		return Lists.newArrayList(blocking().split(request(text)));
	}

	/** Client streaming. */
	EchoReply join(String... texts) throws Exception {
		Replies replies = new Replies();
		StreamObserver<EchoRequest> requests = async().join(replies);
		send(requests, texts);
		return replies.await().get(0);
	}

	/** Bidirectional streaming. */
	List<EchoReply> chat(String... texts) throws Exception {
		Replies replies = new Replies();
		StreamObserver<EchoRequest> requests = async().chat(replies);
		send(requests, texts);
		return replies.await();
	}

	private EchoGrpc.EchoBlockingStub blocking() {
		return EchoGrpc.newBlockingStub(this.channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
	}

	private EchoGrpc.EchoStub async() {
		return EchoGrpc.newStub(this.channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
	}

	private static void send(StreamObserver<EchoRequest> requests, String... texts) {
		for (String text : texts) {
			requests.onNext(request(text));
		}
		requests.onCompleted();
	}

	static EchoRequest request(String text) {
		return EchoRequest.newBuilder().setText(text).build();
	}

	/** Collects the replies of a call until it ends. */
	static final class Replies implements StreamObserver<EchoReply> {

		private final List<EchoReply> replies = new ArrayList<>();

		private final CompletableFuture<List<EchoReply>> done = new CompletableFuture<>();

		@Override
		public synchronized void onNext(EchoReply reply) {
			this.replies.add(reply);
		}

		@Override
		public void onError(Throwable error) {
			this.done.completeExceptionally(error);
		}

		@Override
		public synchronized void onCompleted() {
			this.done.complete(List.copyOf(this.replies));
		}

		List<EchoReply> await() throws Exception {
			return this.done.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
		}

	}

}

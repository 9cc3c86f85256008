package io.github.microservicestarter.demo.user;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

/**
 * Collects the responses of a streaming call, to wait for its end.
 */
final class Responses<T> implements StreamObserver<T> {

	private final Queue<T> received = new ConcurrentLinkedQueue<>();

	private final CompletableFuture<List<T>> end = new CompletableFuture<>();

	@Override
	public void onNext(T response) {
		this.received.add(response);
	}

	@Override
	public void onError(Throwable failure) {
		this.end.completeExceptionally(failure);
	}

	@Override
	public void onCompleted() {
		this.end.complete(List.copyOf(this.received));
	}

	/** Every response, once the call completed. */
	List<T> awaitCompletion() throws InterruptedException, ExecutionException, TimeoutException {
		return this.end.get(30, TimeUnit.SECONDS);
	}

	/** The status the call failed with. */
	StatusRuntimeException awaitFailure() throws InterruptedException, TimeoutException {
		try {
			List<T> responses = this.end.get(30, TimeUnit.SECONDS);
			throw new AssertionError("The call completed with " + responses);
		}
		catch (ExecutionException ex) {
			return (StatusRuntimeException) ex.getCause();
		}
	}

}

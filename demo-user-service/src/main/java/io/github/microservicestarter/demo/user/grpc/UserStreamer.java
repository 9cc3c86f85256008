package io.github.microservicestarter.demo.user.grpc;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.UUID;

import io.grpc.stub.ServerCallStreamObserver;

import io.github.microservicestarter.demo.user.UserResponse;
import io.github.microservicestarter.demo.user.UserStatus;
import io.github.microservicestarter.demo.user.store.UserEntity;
import io.github.microservicestarter.demo.user.store.UserStore;

import org.springframework.lang.Nullable;

/**
 * Streams users in id order only as fast as the client reads them: it sends while the call is
 * ready, stops when it is not, and goes on when gRPC says the call is ready again. Users are read
 * a page at a time, when the previous page is sent, so neither the heap nor the transport's buffer
 * grows with the table.
 */
final class UserStreamer implements Runnable {

	static final int PAGE_SIZE = 100;

	private final UserStore store;

	private final GrpcErrors errors;

	private final ServerCallStreamObserver<UserResponse> call;

	@Nullable
	private final UserStatus status;

	private final Queue<UserEntity> page = new ArrayDeque<>();

	private long remaining;

	@Nullable
	private UUID lastId;

	// gRPC runs one call's handlers one at a time, so these fields need no synchronization.
	private boolean finished;

	UserStreamer(UserStore store, GrpcErrors errors, ServerCallStreamObserver<UserResponse> call,
			UserRequests.StreamQuery query) {
		this.store = store;
		this.errors = errors;
		this.call = call;
		this.status = query.status();
		this.remaining = query.limit();
	}

	/** Starts streaming; to be called by the service method, which gRPC then runs onReady after. */
	void start() {
		this.call.setOnCancelHandler(() -> {
			this.finished = true;
			this.page.clear();
		});
		this.call.setOnReadyHandler(this);
	}

	/** Sends while the client keeps up; gRPC calls this again once the call is ready. */
	@Override
	public void run() {
		try {
			while (!this.finished && this.call.isReady()) {
				if (this.page.isEmpty() && !readNextPage()) {
					this.finished = true;
					this.call.onCompleted();
					return;
				}
				this.call.onNext(UserResponse.newBuilder().setUser(UserMessages.user(this.page.remove())).build());
				this.remaining--;
			}
		}
		catch (RuntimeException ex) {
			this.finished = true;
			this.call.onError(this.errors.toException(ex, "email"));
		}
	}

	private boolean readNextPage() {
		if (this.remaining == 0) {
			return false;
		}
		List<UserEntity> users = this.store.pageAfter(this.status, this.lastId,
				(int) Math.min(PAGE_SIZE, this.remaining));
		if (users.isEmpty()) {
			return false;
		}
		this.lastId = users.get(users.size() - 1).id();
		this.page.addAll(users);
		return true;
	}

}

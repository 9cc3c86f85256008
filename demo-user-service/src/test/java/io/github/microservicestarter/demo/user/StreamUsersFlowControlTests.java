package io.github.microservicestarter.demo.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * StreamUsers sends only as fast as the client reads: a slow reader of a big table does not make
 * the server buffer the table.
 */
class StreamUsersFlowControlTests extends RunningUserService {

	private static final int TABLE_SIZE = 20_000;

	private static final String EMAIL_DOMAIN = "@flow-control.example.com";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StreamingMessageCounter counter;

	@AfterEach
	void deleteTheTable() {
		this.jdbc.update("DELETE FROM users WHERE email LIKE ?", "%" + EMAIL_DOMAIN);
	}

	@Test
	void slowReaderHoldsTheServerBackAndStillGetsEveryUserOnce() throws Exception {
		Set<String> inserted = insertUsers();
		SlowReader reader = new SlowReader(5);
		long sentBefore = this.counter.streamedUsers();
		UserServiceGrpc.newStub(this.smallWindowChannel).streamUsers(StreamUsersRequest.getDefaultInstance(), reader);

		await().atMost(Duration.ofSeconds(10)).until(() -> reader.received.size() == 5);
		long sentWhileSlow = settled(this.counter::streamedUsers) - sentBefore;
		assertThat(sentWhileSlow).isGreaterThanOrEqualTo(5).isLessThan(5_000);

		reader.readTheRest();
		reader.done.get(60, TimeUnit.SECONDS);
		assertThat(reader.received).containsAll(inserted).doesNotHaveDuplicates();
	}

	private Set<String> insertUsers() {
		List<Object[]> rows = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < TABLE_SIZE; i++) {
			// Random UUIDs spread the rows over the id order among the users of other tests.
			UUID id = UUID.randomUUID();
			ids.add(id.toString());
			rows.add(new Object[] { id, "Flow Control User Number " + i, "user-" + i + EMAIL_DOMAIN });
		}
		this.jdbc.batchUpdate("""
				INSERT INTO users (id, name, email, status, created_at, updated_at, version)
				VALUES (?, ?, ?, 'USER_STATUS_ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)""", rows);
		return ids;
	}

	/** Reads a few users, then nothing until told to read the rest. */
	static final class SlowReader implements ClientResponseObserver<StreamUsersRequest, UserResponse> {

		final List<String> received = Collections.synchronizedList(new ArrayList<>());

		final CompletableFuture<Void> done = new CompletableFuture<>();

		private final int first;

		private ClientCallStreamObserver<StreamUsersRequest> call;

		SlowReader(int first) {
			this.first = first;
		}

		@Override
		public void beforeStart(ClientCallStreamObserver<StreamUsersRequest> call) {
			this.call = call;
			call.disableAutoRequestWithInitial(this.first);
		}

		void readTheRest() {
			this.call.request(Integer.MAX_VALUE);
		}

		@Override
		public void onNext(UserResponse response) {
			this.received.add(response.getUser().getId());
		}

		@Override
		public void onError(Throwable failure) {
			this.done.completeExceptionally(failure);
		}

		@Override
		public void onCompleted() {
			this.done.complete(null);
		}

	}

}

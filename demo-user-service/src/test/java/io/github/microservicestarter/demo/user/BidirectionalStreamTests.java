package io.github.microservicestarter.demo.user;

import java.util.List;
import java.util.stream.IntStream;

import com.google.protobuf.FieldMask;
import com.google.rpc.Code;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.github.microservicestarter.demo.user.TestUsers.newUser;
import static io.github.microservicestarter.demo.user.TestUsers.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * BidirectionalStream: each request answered in order, failures included.
 */
class BidirectionalStreamTests extends RunningUserService {

	@Autowired
	StreamingMessageCounter counter;

	@Test
	void answersMixedOperationsInOrderWithTheirRequestIds() throws Exception {
		CreateUserRequest create = newUser("Lin");
		User created = exchange(List.of(request("create", create))).get(0).getUser();
		User renamed = created.toBuilder().setName("Lin Renamed").build();

		List<BidirectionalResponse> responses = exchange(List.of(
				request("get").setGet(GetUserRequest.newBuilder().setUserId(created.getId())).build(),
				request("update").setUpdate(UpdateUserRequest.newBuilder()
					.setUser(renamed)
					.setUpdateMask(FieldMask.newBuilder().addPaths("name")))
					.build(),
				request("delete").setDelete(DeleteUserRequest.newBuilder().setUserId(created.getId())).build(),
				request("get-deleted").setGet(GetUserRequest.newBuilder().setUserId(created.getId())).build()));

		assertThat(responses).extracting(BidirectionalResponse::getRequestId)
			.containsExactly("get", "update", "delete", "get-deleted");
		assertThat(responses.get(0).getUser()).isEqualTo(created);
		assertThat(responses.get(1).getUser().getName()).isEqualTo("Lin Renamed");
		assertThat(responses.get(1).getUser().getVersion()).isEqualTo(created.getVersion() + 1);
		assertThat(responses.get(2).getDeleted().getUserId()).isEqualTo(created.getId());
		assertThat(responses.get(3).getError().getCode()).isEqualTo(Code.NOT_FOUND_VALUE);
		assertThat(responses.get(3).getError().getMessage()).contains(created.getId());
	}

	@Test
	void failedOperationIsAnsweredWithItsErrorAndTheStreamGoesOn() throws Exception {
		CreateUserRequest taken = newUser("Max");
		List<BidirectionalResponse> responses = exchange(List.of(request("first", taken),
				request("invalid", CreateUserRequest.newBuilder().setEmail("max@").build()),
				request("taken", taken.toBuilder().setName("Max Again").build()),
				BidirectionalRequest.newBuilder().setRequestId("empty").build(),
				request("last", newUser("Ned"))));

		assertThat(responses).extracting(BidirectionalResponse::getRequestId)
			.containsExactly("first", "invalid", "taken", "empty", "last");
		assertThat(responses.get(0).getUser().getEmail()).isEqualTo(taken.getEmail());
		assertThat(responses.get(1).getError().getCode()).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
		assertThat(violatedFields(responses.get(1).getError())).containsExactly("name", "email");
		assertThat(responses.get(2).getError().getCode()).isEqualTo(Code.ALREADY_EXISTS_VALUE);
		assertThat(violatedFields(responses.get(2).getError())).containsExactly("email");
		assertThat(responses.get(3).getError().getCode()).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
		assertThat(violatedFields(responses.get(3).getError())).containsExactly("operation");
		assertThat(responses.get(4).getUser().getName()).isEqualTo("Ned");
	}

	@Test
	void clientThatDoesNotReadAnswersStopsTheServerReadingRequests() throws Exception {
		PausedReader reader = new PausedReader();
		UserServiceGrpc.newStub(this.smallWindowChannel).bidirectionalStream(reader);
		long takenBefore = this.counter.bidirectionalRequests();
		GetUserRequest unknown = GetUserRequest.newBuilder().setUserId("0190a5e4-0000-7000-8000-000000000000").build();
		for (int i = 0; i < 10_000; i++) {
			reader.requests.onNext(request("get-" + i).setGet(unknown).build());
		}
		reader.requests.onCompleted();

		long takenWhilePaused = settled(this.counter::bidirectionalRequests) - takenBefore;
		reader.requests.request(Integer.MAX_VALUE);
		List<BidirectionalResponse> responses = reader.responses.awaitCompletion();

		assertThat(takenWhilePaused).isGreaterThan(0).isLessThan(5_000);
		assertThat(responses).extracting(BidirectionalResponse::getRequestId)
			.containsExactlyElementsOf(IntStream.range(0, 10_000).mapToObj((i) -> "get-" + i).toList());
		assertThat(responses).extracting((response) -> response.getError().getCode())
			.containsOnly(Code.NOT_FOUND_VALUE);
	}

	private List<BidirectionalResponse> exchange(List<BidirectionalRequest> requests) throws Exception {
		Responses<BidirectionalResponse> responses = new Responses<>();
		StreamObserver<BidirectionalRequest> stream = this.asyncUsers.bidirectionalStream(responses);
		requests.forEach(stream::onNext);
		stream.onCompleted();
		return responses.awaitCompletion();
	}

	private static BidirectionalRequest.Builder request(String id) {
		return BidirectionalRequest.newBuilder().setRequestId(id);
	}

	private static BidirectionalRequest request(String id, CreateUserRequest create) {
		return request(id).setCreate(create).build();
	}

	/** Reads no answer until asked to. */
	static final class PausedReader implements ClientResponseObserver<BidirectionalRequest, BidirectionalResponse> {

		final Responses<BidirectionalResponse> responses = new Responses<>();

		ClientCallStreamObserver<BidirectionalRequest> requests;

		@Override
		public void beforeStart(ClientCallStreamObserver<BidirectionalRequest> requests) {
			this.requests = requests;
			requests.disableAutoRequestWithInitial(0);
		}

		@Override
		public void onNext(BidirectionalResponse response) {
			this.responses.onNext(response);
		}

		@Override
		public void onError(Throwable failure) {
			this.responses.onError(failure);
		}

		@Override
		public void onCompleted() {
			this.responses.onCompleted();
		}

	}

}

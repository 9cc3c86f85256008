package io.github.microservicestarter.demo.user;

import java.util.List;
import java.util.Map;

import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static io.github.microservicestarter.demo.user.TestUsers.newUser;
import static io.github.microservicestarter.demo.user.TestUsers.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CreateUserStream: every user or none.
 */
class CreateUserStreamTests extends RunningUserService {

	@Autowired
	NamedParameterJdbcTemplate jdbc;

	@Test
	void createsEveryUserAndAnswersThemInTheOrderSent() throws Exception {
		List<CreateUserRequest> requests = List.of(newUser("Ann"), newUser("Bob"),
				newUser("Cid").toBuilder().setStatus(UserStatus.USER_STATUS_INACTIVE).build());

		CreateUserResponse response = send(requests).awaitCompletion().get(0);

		assertThat(response.getCreatedUsersList()).extracting(User::getEmail)
			.containsExactlyElementsOf(requests.stream().map(CreateUserRequest::getEmail).toList());
		assertThat(response.getCreatedUsersList()).extracting(User::getStatus)
			.containsExactly(UserStatus.USER_STATUS_ACTIVE, UserStatus.USER_STATUS_ACTIVE,
					UserStatus.USER_STATUS_INACTIVE);
		assertThat(response.getCreatedUsersList()).extracting(User::getId).isSorted();
		for (User created : response.getCreatedUsersList()) {
			assertThat(this.users.getUser(GetUserRequest.newBuilder().setUserId(created.getId()).build()).getUser())
				.isEqualTo(created);
		}
	}

	@Test
	void emptyStreamCreatesNobody() throws Exception {
		CreateUserResponse response = send(List.of()).awaitCompletion().get(0);

		assertThat(response.getCreatedUsersList()).isEmpty();
	}

	@Test
	void oneInvalidRequestFailsTheStreamNamingItsPositionAndCreatesNobody() throws Exception {
		List<CreateUserRequest> requests = List.of(newUser("Dee"), newUser("Eve"),
				newUser("Fay").toBuilder().setEmail("fay at example.com").build(), newUser("Gus"));

		StatusRuntimeException failure = send(requests).awaitFailure();

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
		assertThat(failure.getStatus().getDescription()).contains("requests[2].email");
		assertThat(violatedFields(failure)).containsExactly("requests[2].email");
		assertThat(stored(requests)).isZero();
	}

	@Test
	void emailTakenInTheDatabaseIsAlreadyExistsNamingTheRequestAndCreatesNobody() throws Exception {
		User existing = this.users.createUser(newUser("Hal")).getUser();
		List<CreateUserRequest> requests = List.of(newUser("Ida"),
				newUser("Hal Again").toBuilder().setEmail(existing.getEmail()).build());

		StatusRuntimeException failure = send(requests).awaitFailure();

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.ALREADY_EXISTS);
		assertThat(failure.getStatus().getDescription()).contains(existing.getEmail());
		assertThat(violatedFields(failure)).containsExactly("requests[1].email");
		assertThat(stored(requests.subList(0, 1))).isZero();
	}

	@Test
	void emailRepeatedInTheStreamIsInvalidArgumentNamingBothRequests() throws Exception {
		CreateUserRequest first = newUser("Jo");
		List<CreateUserRequest> requests = List.of(first, newUser("Kim"),
				newUser("Jo Again").toBuilder().setEmail(first.getEmail()).build());

		StatusRuntimeException failure = send(requests).awaitFailure();

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
		assertThat(failure.getStatus().getDescription()).contains("requests[2].email repeats the email of requests[0]");
		assertThat(violatedFields(failure)).containsExactly("requests[2].email");
		assertThat(stored(requests)).isZero();
	}

	@Test
	void moreThanTenThousandUsersIsInvalidArgumentNamingTheFirstOneTooMany() throws Exception {
		Responses<CreateUserResponse> responses = new Responses<>();
		StreamObserver<CreateUserRequest> requests = this.asyncUsers.createUserStream(responses);
		for (int i = 0; i <= 10_000; i++) {
			requests.onNext(
					CreateUserRequest.newBuilder().setName("Many").setEmail("many-" + i + "@example.com").build());
		}
		requests.onCompleted();

		StatusRuntimeException failure = responses.awaitFailure();

		assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
		assertThat(violatedFields(failure)).containsExactly("requests[10000]");
		assertThat(this.jdbc.getJdbcTemplate()
			.queryForObject("SELECT COUNT(*) FROM users WHERE email LIKE 'many-%'", Integer.class)).isZero();
	}

	private Responses<CreateUserResponse> send(List<CreateUserRequest> requests) {
		Responses<CreateUserResponse> responses = new Responses<>();
		StreamObserver<CreateUserRequest> stream = this.asyncUsers.createUserStream(responses);
		requests.forEach(stream::onNext);
		stream.onCompleted();
		return responses;
	}

	/** How many of the requests' emails some user has. */
	private int stored(List<CreateUserRequest> requests) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE email IN (:emails)",
				Map.of("emails", requests.stream().map(CreateUserRequest::getEmail).toList()),
				Integer.class);
	}

}

package io.github.microservicestarter.demo.user;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.github.microservicestarter.demo.user.TestUsers.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The user service on a real PostgreSQL, in a JVM of its own, through the faults of either: killed
 * with {@code kill -9} right after acknowledged writes it loses none, and while the database is
 * stopped its calls are UNAVAILABLE and it is not ready, until the database is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresFaultTests {

	private LocalPostgres postgres;

	@BeforeAll
	void startPostgres() throws Exception {
		this.postgres = LocalPostgres.startOrSkip();
	}

	@AfterAll
	void stopPostgres() throws Exception {
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void everyWriteAcknowledgedBeforeAKillIsThereAfterTheRestart() throws Exception {
		int checked = AcknowledgedWrites.surviveKills(KillAfterAcknowledgedWriteTests.ROUNDS,
				KillAfterAcknowledgedWriteTests.WRITES_PER_ROUND, (round) -> UserServiceProcess
					.onPostgres(this.postgres.jdbcUrl(), Path.of("target", "killed-postgres-" + round + ".log")));
		assertThat(checked).isGreaterThanOrEqualTo(KillAfterAcknowledgedWriteTests.ROUNDS
				* KillAfterAcknowledgedWriteTests.WRITES_PER_ROUND / 2);
	}

	@Test
	void callsAreUnavailableAndTheServiceNotReadyWhileTheDatabaseIsStoppedAndBothRecoverLosingNoWrite()
			throws Exception {
		try (UserServiceProcess service = UserServiceProcess.onPostgres(this.postgres.jdbcUrl(),
				Path.of("target", "postgres-outage.log"))) {
			ManagedChannel channel = service.channel();
			try {
				UserServiceGrpc.UserServiceBlockingStub users = UserServiceGrpc.newBlockingStub(channel);
				List<User> acknowledged = new ArrayList<>();
				for (int i = 0; i < 5; i++) {
					acknowledged.add(create(users).getUser());
				}
				assertThat(health(channel)).isEqualTo(ServingStatus.SERVING);

				long stopped = System.nanoTime();
				this.postgres.stop();
				StatusRuntimeException unavailable = await().atMost(Duration.ofSeconds(30))
					.until(() -> catchThrowableOfType(StatusRuntimeException.class, () -> create(users)),
							(failure) -> failure != null && failure.getStatus().getCode() == Code.UNAVAILABLE);
				assertThat(unavailable.getStatus().getDescription()).isEqualTo("The database is unavailable; retry later");
				assertThat(StatusProto.fromThrowable(unavailable).getDetails(0).unpack(RetryInfo.class)
					.getRetryDelay()
					.getSeconds()).isEqualTo(1);
				StatusRuntimeException read = catchThrowableOfType(StatusRuntimeException.class,
						() -> get(users, acknowledged.get(0).getId()));
				assertThat(read.getStatus().getCode()).isEqualTo(Code.UNAVAILABLE);
				await().atMost(Duration.ofSeconds(30)).until(() -> health(channel) == ServingStatus.NOT_SERVING);
				System.out.printf("Database stopped: calls UNAVAILABLE, then NOT_SERVING %d ms after the stop%n",
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));

				this.postgres.restart();
				long restarted = System.nanoTime();
				await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> create(users) != null);
				long callsBack = System.nanoTime();
				await().atMost(Duration.ofSeconds(30)).until(() -> health(channel) == ServingStatus.SERVING);
				System.out.printf("Database back (taking connections): calls succeed after %d ms, SERVING after %d ms%n",
						TimeUnit.NANOSECONDS.toMillis(callsBack - restarted),
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted));
				for (User user : acknowledged) {
					assertThat(get(users, user.getId()).getUser()).isEqualTo(user);
				}
			}
			finally {
				channel.shutdownNow();
			}
		}
	}

	private static CreateUserResponse create(UserServiceGrpc.UserServiceBlockingStub users) {
		return users.withDeadlineAfter(10, TimeUnit.SECONDS).createUser(newUser("Outage"));
	}

	private static GetUserResponse get(UserServiceGrpc.UserServiceBlockingStub users, String id) {
		return users.withDeadlineAfter(10, TimeUnit.SECONDS).getUser(GetUserRequest.newBuilder().setUserId(id).build());
	}

	private static ServingStatus health(ManagedChannel channel) {
		return HealthGrpc.newBlockingStub(channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
	}

}

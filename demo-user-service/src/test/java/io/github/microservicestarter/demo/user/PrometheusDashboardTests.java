package io.github.microservicestarter.demo.user;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.microservicestarter.client.SidecarChannels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static io.github.microservicestarter.demo.user.TestUsers.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus scrapes the running demo after calls of every kind, and has every metric the
 * Grafana dashboard queries: a metric renamed in the starter, or misspelt in the dashboard, fails.
 */
class PrometheusDashboardTests extends RunningUserServiceOverHttp {

	/** An id of the form the service gives (others are INVALID_ARGUMENT), of no user. */
	private static final String NO_SUCH_USER = "0190a5e4-0000-7000-8000-000000000000";

	private static final Path DASHBOARD = Path.of(System.getProperty("repository.root"), "dashboards", "grpc-microservice.json");

	/** A metric name in a PromQL expression: the dashboard writes each with a label selector. */
	private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

	@Autowired
	ApplicationContext context;

	@Test
	void everyMetricTheDashboardQueriesIsScrapedAndNetDevhsFamiliesAreNot(@TempDir Path dir) throws Exception {
		makeCallsOfEveryKind();
		try (PrometheusServer prometheus = PrometheusServer.scraping("user-service", this.httpPort, dir)) {
			// The last call made: once Prometheus has it, it has scraped after every call.
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(() -> assertThat(prometheus
					.query("grpc_client_seconds_count{job=\"user-service\",target_app_id=\"user-service\"}"))
					.as("the last call, scraped from %s", prometheus.targets())
					.isNotEmpty());
			List<String> scraped = prometheus.metricNames();

			Set<String> queried = dashboardMetrics();
			assertThat(queried).contains("grpc_server_seconds_bucket", "grpc_client_seconds_count",
					"jvm_memory_used_bytes");
			assertThat(scraped).containsAll(queried);
			assertThat(scraped).noneMatch((name) -> name.startsWith("grpc_server_processing")
					|| name.startsWith("grpc_server_requests") || name.startsWith("grpc_server_call_")
					|| name.startsWith("grpc_client_requests") || name.startsWith("grpc_client_attempt"));
			assertThat(prometheus.query("grpc_server_seconds_count{job=\"user-service\",rpc_method=\"GetUser\","
					+ "grpc_status_code=\"NOT_FOUND\"}")).isNotEmpty();
		}
	}

	/**
	 * One meter family per call: Spring Boot 4's gRPC server would add its own observation under
	 * the same names, and net.devh its own, unless the starter keeps them out; then a call counts
	 * twice. The second call makes sure the first was recorded all the times it would be.
	 */
	@Test
	void eachCallIsCountedOnce() {
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		long before = notFoundCount(registry);
		for (int call = 1; call <= 2; call++) {
			catchThrowableOfType(StatusRuntimeException.class,
					() -> this.users.getUser(GetUserRequest.newBuilder().setUserId(NO_SUCH_USER).build()));
			long expected = before + call;
			await().atMost(Duration.ofSeconds(10)).until(() -> notFoundCount(registry) >= expected);
			assertThat(notFoundCount(registry)).isEqualTo(expected);
		}
	}

	private static long notFoundCount(MeterRegistry registry) {
		return registry.find("grpc.server")
			.tags("rpc.method", "GetUser", "grpc.status_code", "NOT_FOUND")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private void makeCallsOfEveryKind() throws Exception {
		User user = this.users.createUser(newUser("Scraped")).getUser();
		this.users.getUser(GetUserRequest.newBuilder().setUserId(user.getId()).build());
		catchThrowableOfType(StatusRuntimeException.class,
				() -> this.users.getUser(GetUserRequest.newBuilder().setUserId(NO_SUCH_USER).build()));
		Iterator<UserResponse> streamed = this.users.streamUsers(StreamUsersRequest.newBuilder().setLimit(2).build());
		streamed.forEachRemaining((response) -> {
		});
		CompletableFuture<CreateUserResponse> created = new CompletableFuture<>();
		StreamObserver<CreateUserRequest> creating = this.asyncUsers.createUserStream(completing(created));
		creating.onNext(newUser("Streamed"));
		creating.onCompleted();
		created.get(30, TimeUnit.SECONDS);
		CompletableFuture<BidirectionalResponse> answered = new CompletableFuture<>();
		StreamObserver<BidirectionalRequest> requests = this.asyncUsers.bidirectionalStream(completing(answered));
		requests.onNext(BidirectionalRequest.newBuilder()
			.setRequestId("1")
			.setGet(GetUserRequest.newBuilder().setUserId(user.getId()))
			.build());
		requests.onCompleted();
		answered.get(30, TimeUnit.SECONDS);
		// A call through the app's own sidecar client, to itself, for the client meters.
		this.context.getBean(SidecarChannels.class)
			.stub("user-service", UserServiceGrpc.UserServiceBlockingStub.class)
			.withDeadlineAfter(30, TimeUnit.SECONDS)
			.getUser(GetUserRequest.newBuilder().setUserId(user.getId()).build());
	}

	private static Set<String> dashboardMetrics() throws Exception {
		JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
		Set<String> metrics = new TreeSet<>();
		for (JsonNode expr : dashboard.findValues("expr")) {
			Matcher matcher = METRIC.matcher(expr.asText());
			while (matcher.find()) {
				metrics.add(matcher.group(1));
			}
		}
		return metrics;
	}

	private static <T> StreamObserver<T> completing(CompletableFuture<T> first) {
		return new StreamObserver<>() {

			@Override
			public void onNext(T value) {
				first.complete(value);
			}

			@Override
			public void onError(Throwable error) {
				first.completeExceptionally(error);
			}

			@Override
			public void onCompleted() {
			}

		};
	}

}

package io.github.microservicestarter.demo.summator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.microservicestarter.server.LocalAppPort;
import io.github.microservicestarter.demo.helloworld.GreeterGrpc;
import io.github.microservicestarter.demo.helloworld.HelloUserRequest;
import io.github.microservicestarter.demo.user.CreateUserRequest;
import io.github.microservicestarter.demo.user.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import io.github.microservicestarter.test.BootProperties;
import io.github.microservicestarter.test.ObservabilityAsInProduction;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One call across services makes one trace in a real Zipkin: Greeter.SayHelloToUser on the
 * summator, in this test's context, calls the user-service demo, running as its own process,
 * through the sidecar client; the summator's client span is the parent of the user-service's
 * server span, and the summator's log lines carry the trace id. A call that is not sampled reaches
 * the user-service in the same trace, in both apps' log lines, without a span in Zipkin.
 */
@ObservabilityAsInProduction
@SpringBootTest(properties = { "microservice.app-port=0", "microservice.access-log.enabled=true",
		BootProperties.ZIPKIN_EXPORT_ENABLED + "=true" })
@ExtendWith(OutputCaptureExtension.class)
class ZipkinTraceTests {

	private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent",
			Metadata.ASCII_STRING_MARSHALLER);

	private static ZipkinServer zipkin;

	private static UserServiceProcess userService;

	private static Path userServiceLog;

	@LocalAppPort
	int port;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void zipkinAndUserService(DynamicPropertyRegistry registry) throws Exception {
		Path target = Files.createDirectories(Path.of("target"));
		zipkin = ZipkinServer.start(target.resolve("zipkin.log"));
		userServiceLog = target.resolve("user-service-traced.log");
		userService = UserServiceProcess.start(Files.createTempDirectory(target, "user-service-traced").toAbsolutePath(),
				userServiceLog, List.of("--" + BootProperties.ZIPKIN_ENDPOINT + "=" + zipkin.spansEndpoint(),
						"--management.tracing.sampling.probability=1.0", "--microservice.access-log.enabled=true"));
		registry.add(BootProperties.ZIPKIN_ENDPOINT, zipkin::spansEndpoint);
		registry.add("microservice.clients.user-service.address", () -> "static://localhost:" + userService.port());
	}

	@AfterAll
	static void stopUserServiceAndZipkin() throws InterruptedException {
		if (userService != null) {
			userService.close();
		}
		zipkin.close();
	}

	@Test
	void summatorsClientSpanIsTheParentOfTheUserServicesServerSpanInOneTrace(CapturedOutput output)
			throws Exception {
		String userId = createUser();
		String traceId = randomHex(16);
		String testSpanId = randomHex(8);
		sayHelloToUser(userId, "00-%s-%s-01".formatted(traceId, testSpanId));
		List<JsonNode> spans = awaitTheThreeSpans(traceId);
		JsonNode summatorServer = only(spans, "summator", "SERVER");
		JsonNode summatorClient = only(spans, "summator", "CLIENT");
		JsonNode userServiceServer = only(spans, "user-service", "SERVER");
		assertThat(summatorServer.path("name").asText()).isEqualTo("helloworld.greeter/sayhellotouser");
		assertThat(summatorServer.path("parentId").asText()).isEqualTo(testSpanId);
		assertThat(summatorClient.path("name").asText()).isEqualTo("user.userservice/getuser");
		assertThat(summatorClient.path("parentId").asText()).isEqualTo(summatorServer.path("id").asText());
		assertThat(summatorClient.path("tags").path("target.app.id").asText()).isEqualTo("user-service");
		assertThat(userServiceServer.path("name").asText()).isEqualTo("user.userservice/getuser");
		assertThat(userServiceServer.path("parentId").asText()).isEqualTo(summatorClient.path("id").asText());
		assertThat(userServiceServer.path("tags").path("rpc.service").asText()).isEqualTo("user.UserService");
		assertThat(userServiceServer.path("tags").path("rpc.method").asText()).isEqualTo("GetUser");
		assertThat(userServiceServer.path("tags").path("grpc.status_code").asText()).isEqualTo("OK");
		// Boot's log correlation and the access log both name the trace (logged as the call closes).
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
			.containsPattern("\\[" + traceId + "-[0-9a-f]{16}\\].*helloworld.Greeter/SayHelloToUser OK")
			.contains("trace=" + traceId));
	}

	@Test
	void callNotSampledReachesTheUserServiceInItsTraceWithoutSpans(CapturedOutput output) throws Exception {
		String userId = createUser();
		String traceId = randomHex(16);
		sayHelloToUser(userId, "00-%s-%s-00".formatted(traceId, randomHex(8)));
		// A sampled call after it: once its spans are in Zipkin, both apps have exported what they
		// had of the first call.
		String sampledTraceId = randomHex(16);
		sayHelloToUser(userId, "00-%s-%s-01".formatted(sampledTraceId, randomHex(8)));
		awaitTheThreeSpans(sampledTraceId);
		assertThat(zipkin.trace(traceId)).isEmpty();
		// Both apps log the call in its trace: the summator with Boot's log correlation and its access
		// log, the user-service, which received the trace from the summator, with its access log.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(output.getOut())
				.containsPattern("\\[" + traceId + "-[0-9a-f]{16}\\].*helloworld.Greeter/SayHelloToUser OK")
				.contains("trace=" + traceId);
			assertThat(Files.readString(userServiceLog)).containsPattern("user.UserService/GetUser OK .* trace=" + traceId);
		});
	}

	/** Calls Greeter.SayHelloToUser as the first client of a trace, sending a traceparent as any W3C client does. */
	private void sayHelloToUser(String userId, String traceparent) {
		Metadata headers = new Metadata();
		headers.put(TRACEPARENT, traceparent);
		ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", this.port).usePlaintext().build();
		try {
			String greeting = GreeterGrpc.newBlockingStub(channel)
				.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.sayHelloToUser(HelloUserRequest.newBuilder().setUserId(userId).build())
				.getMessage();
			assertThat(greeting).isEqualTo("Hello Grace Hopper");
		}
		finally {
			channel.shutdownNow();
		}
	}

	/**
	 * Waits for a trace's three spans in Zipkin. The summator's server span ends when its call
	 * closes, which may be just after the reply reached the test, so it is flushed again on each
	 * poll; the user-service exports on its own schedule (every 5 s by default).
	 */
	private List<JsonNode> awaitTheThreeSpans(String traceId) {
		SdkTracerProvider tracerProvider = this.context.getBean(SdkTracerProvider.class);
		List<JsonNode> spans = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
			spans.clear();
			zipkin.trace(traceId).forEach(spans::add);
			return spans.stream().anyMatch((span) -> isOf(span, "user-service", "SERVER"))
					&& spans.stream().anyMatch((span) -> isOf(span, "summator", "SERVER"))
					&& spans.stream().anyMatch((span) -> isOf(span, "summator", "CLIENT"));
		});
		return spans;
	}

	/** Creates Grace Hopper, with an email of her own in each test: the user-service refuses a second user with one. */
	private static String createUser() {
		ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", userService.port())
			.usePlaintext()
			.build();
		try {
			return UserServiceGrpc.newBlockingStub(channel)
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.createUser(CreateUserRequest.newBuilder()
					.setName("Grace Hopper")
					.setEmail("grace-%s@example.org".formatted(randomHex(4)))
					.build())
				.getUser()
				.getId();
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	private static boolean isOf(JsonNode span, String service, String kind) {
		return kind.equals(span.path("kind").asText())
				&& service.equals(span.path("localEndpoint").path("serviceName").asText());
	}

	private static JsonNode only(List<JsonNode> spans, String service, String kind) {
		List<JsonNode> matching = spans.stream().filter((span) -> isOf(span, service, kind)).toList();
		assertThat(matching).as("%s %s spans in %s", service, kind, spans).hasSize(1);
		return matching.get(0);
	}

}

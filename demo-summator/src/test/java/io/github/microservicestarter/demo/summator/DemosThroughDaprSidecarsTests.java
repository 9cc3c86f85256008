package io.github.microservicestarter.demo.summator;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.microservicestarter.demo.helloworld.GreeterGrpc;
import io.github.microservicestarter.demo.helloworld.HelloUserRequest;
import io.github.microservicestarter.demo.user.CreateUserRequest;
import io.github.microservicestarter.demo.user.UserServiceGrpc;
import io.github.microservicestarter.test.AppProcess;
import io.github.microservicestarter.test.BootProperties;
import io.github.microservicestarter.test.dapr.DaprTools;
import io.github.microservicestarter.test.dapr.Daprd;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Both demos under real Dapr sidecars, each its own process as in production: the summator, in auto
 * mode through {@code DAPR_GRPC_PORT}, calls the user-service through its daprd and the
 * user-service's daprd. Apps and sidecars trace every call into a real Zipkin.
 */
class DemosThroughDaprSidecarsTests {

	/** The instrumentation scope of the apps' spans, Spring Boot's OpenTelemetry bridge. */
	private static final String APP = "org.springframework.boot";

	/** The instrumentation scope of daprd's spans. */
	private static final String SIDECAR = "dapr-diagnostics";

	private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent",
			Metadata.ASCII_STRING_MARSHALLER);

	/** daprd's working directory, kept when a test fails: its logs are there. */
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	static Path daprDirectory;

	static ZipkinServer zipkin;

	static UserServiceProcess userService;

	static Daprd userServiceSidecar;

	static Daprd summatorSidecar;

	static AppProcess summator;

	static ManagedChannel toSummator;

	@BeforeAll
	static void startDemosSidecarsAndZipkin() throws Exception {
		// Without daprd or grpcurl, fails under CI and skips elsewhere before anything starts.
		DaprTools.daprd();
		DaprTools.grpcurl();
		Path target = Files.createDirectories(Path.of("target"));
		zipkin = ZipkinServer.start(target.resolve("zipkin-dapr.log"));
		Path tracing = tracingConfiguration(zipkin.spansEndpoint());
		List<String> traced = List.of("--" + BootProperties.ZIPKIN_ENDPOINT + "=" + zipkin.spansEndpoint());
		userService = UserServiceProcess.start(Files.createDirectories(daprDirectory.resolve("user-data")),
				target.resolve("user-service-dapr.log"), traced);
		userServiceSidecar = Daprd.builder("user-service", daprDirectory)
			.appPort(userService.port())
			.configuration(tracing)
			.start();
		// The summator reads DAPR_GRPC_PORT when it starts, and its sidecar waits for its port.
		int summatorPort = freePort();
		summatorSidecar = Daprd.builder("summator", daprDirectory)
			.appPort(summatorPort)
			.configuration(tracing)
			.launch();
		List<String> arguments = new ArrayList<>(List.of("--microservice.app-port=" + summatorPort, "--server.port=0"));
		arguments.addAll(traced);
		summator = AppProcess.startMain(Map.of("DAPR_GRPC_PORT", String.valueOf(summatorSidecar.grpcPort())), List.of(),
				SummatorApplication.class.getName(), arguments, AppProcess.SERVES_GRPC,
				target.resolve("summator-dapr.log"));
		summatorSidecar.awaitHealthy();
		toSummator = ManagedChannelBuilder.forAddress("127.0.0.1", summator.port()).usePlaintext().build();
	}

	@AfterAll
	static void stopAll() throws Exception {
		if (toSummator != null) {
			toSummator.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		for (AutoCloseable running : new AutoCloseable[] { summator, summatorSidecar, userServiceSidecar, userService,
				zipkin }) {
			if (running != null) {
				running.close();
			}
		}
	}

	/** dapr/config.yaml with tracing: every call sampled, spans to the Zipkin. */
	private static Path tracingConfiguration(String zipkinEndpoint) throws IOException {
		String configuration = Files.readString(DaprTools.configuration())
				+ """
						  tracing:
						    samplingRate: "1"
						    zipkin:
						      endpointAddress: "%s"
						""".formatted(zipkinEndpoint);
		return Files.writeString(daprDirectory.resolve("tracing.yaml"), configuration);
	}

	@Test
	void greeterGreetsAStoredUserThroughBothSidecars() throws IOException {
		assertThat(Files.readString(summator.log())).contains("Calls to app 'user-service' go through the sidecar at localhost:"
				+ summatorSidecar.grpcPort() + " as dapr-app-id 'user-service' (mode auto: DAPR_GRPC_PORT is set)");
		String userId = createUser("Grace Hopper", "grace@example.org");
		assertThat(greeter().sayHelloToUser(HelloUserRequest.newBuilder().setUserId(userId).build()).getMessage())
			.isEqualTo("Hello Grace Hopper");
		String unknown = "0190a5e4-0000-7000-8000-000000000000";
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> greeter().sayHelloToUser(HelloUserRequest.newBuilder().setUserId(unknown).build()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
		assertThat(failure.getStatus().getDescription()).isEqualTo("No user to greet: no user has id '" + unknown + "'");
	}

	@Test
	void oneCallMakesOneTraceFromTheSummatorThroughBothSidecarsToTheUserService() throws Exception {
		String userId = createUser("Ada Lovelace", "ada@example.org");
		String traceId = HexFormat.of().formatHex(randomBytes(16));
		String testSpanId = HexFormat.of().formatHex(randomBytes(8));
		Metadata headers = new Metadata();
		headers.put(TRACEPARENT, "00-%s-%s-01".formatted(traceId, testSpanId));
		assertThat(greeter().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
			.sayHelloToUser(HelloUserRequest.newBuilder().setUserId(userId).build())
			.getMessage()).isEqualTo("Hello Ada Lovelace");
		// The apps and the sidecars export on their own schedules (the apps every 5 s by default).
		List<JsonNode> spans = new ArrayList<>();
		await("the trace's spans in Zipkin").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				spans.clear();
				zipkin.trace(traceId).forEach(spans::add);
				return spans.size() >= 5;
			});
		JsonNode summatorServer = only(spans, "summator", APP, "SERVER");
		JsonNode summatorClient = only(spans, "summator", APP, "CLIENT");
		JsonNode summatorSidecarClient = only(spans, "summator", SIDECAR, "CLIENT");
		JsonNode userServiceSidecarServer = only(spans, "user-service", SIDECAR, "SERVER");
		JsonNode userServiceServer = only(spans, "user-service", APP, "SERVER");
		assertThat(spans).hasSize(5);
		assertThat(parent(summatorServer)).isEqualTo(testSpanId);
		assertThat(parent(summatorClient)).isEqualTo(id(summatorServer));
		assertThat(parent(summatorSidecarClient)).isEqualTo(id(summatorClient));
		assertThat(parent(userServiceSidecarServer)).isEqualTo(id(summatorSidecarClient));
		// The user-service's sidecar hands its app the trace context the summator's sidecar sent it,
		// after the summator's own (the app takes the last), not its own server span's: daprd
		// 1.18's proxy forwards the call's metadata as it came. So the app's span is a child of
		// the calling sidecar's span, beside the user-service sidecar's.
		assertThat(parent(userServiceServer)).isEqualTo(id(summatorSidecarClient));
		assertThat(userServiceServer.path("name").asText()).isEqualTo("user.userservice/getuser");
		assertThat(userServiceServer.path("tags").path("grpc.status_code").asText()).isEqualTo("OK");
	}

	/**
	 * Every grpcurl line of the README's demos section, run as written but for the ports: lines to
	 * a demo use reflection; lines through a sidecar ({@code -H dapr-app-id:...}) name proto files,
	 * as daprd's reflection answers for daprd itself.
	 */
	@Test
	void readmesGrpcurlLinesAnswerFromTheDemosAndThroughTheSidecars() throws Exception {
		String userId = createUser("Alan Turing", "alan@example.org");
		Path project = DaprTools.projectDirectory();
		List<List<String>> lines = ReadmeCommands.of(project.resolve("README.md"), "## The demos", "grpcurl");
		assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
		// The ports the README names, as scripts/run-demos (with --dapr, for the sidecars) uses them.
		Map<String, Integer> ports = Map.of("localhost:50051", userService.port(), "localhost:50052", summator.port(),
				"localhost:50001", summatorSidecar.grpcPort(), "localhost:50002", userServiceSidecar.grpcPort());
		Map<String, String> answers = Map.of("list", "helloworld.Greeter", "Summator/sum", "\"value\": 8",
				"helloworld.Greeter/SayHello", "\"message\": \"Hello Ada\"", "helloworld.Greeter/SayHelloToUser",
				"\"message\": \"Hello Alan Turing\"");
		for (List<String> line : lines) {
			List<String> command = new ArrayList<>();
			command.add(DaprTools.grpcurl().toString());
			for (String word : line.subList(1, line.size())) {
				if (word.matches("localhost:\\d+")) {
					assertThat(ports).as("the ports the test runs the demos on").containsKey(word);
					command.add("127.0.0.1:" + ports.get(word));
				}
				else {
					command.add(word.replace("<an id CreateUser returned>", userId));
				}
			}
			Process grpcurl = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
			String output = new String(grpcurl.getInputStream().readAllBytes());
			assertThat(grpcurl.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(grpcurl.exitValue()).as("%s answered:%n%s", String.join(" ", line), output).isZero();
			String method = line.get(line.size() - 1);
			assertThat(output).as(String.join(" ", line)).contains(answers.getOrDefault(method, ""));
		}
	}

	private static JsonNode only(List<JsonNode> spans, String service, String scope, String kind) {
		List<JsonNode> matching = spans.stream()
			.filter((span) -> service.equals(span.path("localEndpoint").path("serviceName").asText())
					&& scope.equals(span.path("tags").path("otel.scope.name").asText())
					&& kind.equals(span.path("kind").asText()))
			.toList();
		assertThat(matching).as("%s %s spans of %s in %s", kind, scope, service, spans).hasSize(1);
		return matching.get(0);
	}

	private static String id(JsonNode span) {
		return span.path("id").asText();
	}

	private static String parent(JsonNode span) {
		return span.path("parentId").asText();
	}

	private GreeterGrpc.GreeterBlockingStub greeter() {
		return GreeterGrpc.newBlockingStub(toSummator).withDeadlineAfter(10, TimeUnit.SECONDS);
	}

	private static String createUser(String name, String email) {
		ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", userService.port())
			.usePlaintext()
			.build();
		try {
			return UserServiceGrpc.newBlockingStub(channel)
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.createUser(CreateUserRequest.newBuilder().setName(name).setEmail(email).build())
				.getUser()
				.getId();
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

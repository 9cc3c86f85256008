package io.github.microservicestarter.consumer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import com.example.greeting.GreetRequest;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse;
import io.dapr.v1.DaprAppCallbackProtos.TopicSubscription;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The README's quick start, built as a user builds it (its own project on
 * {@code spring-boot-starter-parent}, the starter from this build) and run as a user runs it. Its
 * variants show what a user gets with the BOM and beside a library on an older grpc-java.
 */
class QuickStartTests {

	private static final GreetRequest ADA = GreetRequest.newBuilder().setName("Ada").build();

	@Test
	void starterAloneServesOnPortAndCallsAnotherAppByItsAppId() throws Exception {
		int peerPort = ConsumerApp.freePort();
		int port = ConsumerApp.freePort();
		try (ConsumerApp peer = ConsumerApp.start(ConsumerBuild.STARTER_ALONE.jar(), Map.of("PORT", "" + peerPort),
				"--spring.application.name=peer");
				ConsumerApp app = ConsumerApp.start(ConsumerBuild.STARTER_ALONE.jar(), Map.of("PORT", "" + port),
						"--microservice.clients.peer.address=static://localhost:" + peerPort)) {
			peer.awaitServing();
			Matcher serving = app.awaitServing();
			assertThat(serving.group(1)).isEqualTo("greeting");
			assertThat(serving.group(2)).isEqualTo("" + port);
			assertThat(serving.group(3)).isEqualTo("the PORT environment variable");
			assertThat(app.greeting().greet(ADA).getMessage()).isEqualTo("Hello Ada, from greeting");
			assertThat(app.greeting().greetThroughPeer(ADA).getMessage()).isEqualTo("Hello Ada, from peer");
		}
	}

	@Test
	void starterAlonePacksOneGrpcJavaAndOneProtobufOfTheTestedVersions() throws IOException {
		assertOnlyTestedVersions(ConsumerBuild.STARTER_ALONE.libraries());
	}

	@Test
	void withTheBomTheQuickStartPacksTheTestedVersionsAndCalls() throws Exception {
		assertOnlyTestedVersions(ConsumerBuild.WITH_BOM.libraries());
		assertCallsItselfAsPeer(ConsumerBuild.WITH_BOM);
	}

	@Test
	void anOlderGrpcLibraryDeclaredFirstWinsWithoutTheBomAndTheStubsDoNotCompile() throws IOException {
		String log = ConsumerBuild.OLDER_GRPC_LIBRARY_FIRST.buildLog();
		assertThat(log).contains("COMPILATION ERROR", "GreetingGrpc.java", "blockingV2UnaryCall", "BUILD FAILURE");
	}

	@Test
	void anOlderGrpcLibraryDeclaredFirstWithTheBomPacksTheTestedVersionsAndCalls() throws Exception {
		assertOnlyTestedVersions(ConsumerBuild.OLDER_GRPC_LIBRARY_FIRST_WITH_BOM.libraries());
		assertCallsItselfAsPeer(ConsumerBuild.OLDER_GRPC_LIBRARY_FIRST_WITH_BOM);
	}

	@Test
	void anOlderGrpcArtifactOfTheAppsOwnStopsTheStartWithAReportNamingTheJarsAndTheBom() throws Exception {
		assertThat(ConsumerBuild.OLDER_GRPC_OVERRIDE.libraries()).contains("grpc-services-1.63.0.jar",
				"grpc-api-" + grpcVersion() + ".jar");
		try (ConsumerApp app = ConsumerApp.start(ConsumerBuild.OLDER_GRPC_OVERRIDE.jar(), Map.of("PORT", "" + ConsumerApp.freePort()))) {
			assertThat(app.awaitExit()).isNotZero();
			assertThat(app.output()).contains("APPLICATION FAILED TO START",
					"The class path holds grpc-java jars of 2 versions, which cannot run together:",
					"1.63.0: grpc-services-1.63.0.jar", "grpc-api-" + grpcVersion() + ".jar",
					"<artifactId>microservice-bom</artifactId>",
					"<version>" + System.getProperty("starter.version") + "</version>");
			assertThat(app.output()).doesNotContain("Exception", "\tat ");
		}
	}

	@Test
	void onSpringBoot4TheBoot4StarterAloneServesOnPortAndCallsAnotherAppByItsAppId() throws Exception {
		assertCallsItselfAsPeer(ConsumerBuild.BOOT4_STARTER_ALONE);
	}

	@Test
	void actuatorAnswersHealthAloneAndWithoutDetailsByDefaultOnBothLines() throws Exception {
		for (ConsumerBuild build : List.of(ConsumerBuild.STARTER_ALONE, ConsumerBuild.BOOT4_STARTER_ALONE)) {
			try (ConsumerApp app = ConsumerApp.start(build.jar(), Map.of("PORT", "" + ConsumerApp.freePort()))) {
				String actuator = "http://localhost:" + app.awaitHttpPort() + "/actuator/";
				// 503 (readiness OUT_OF_SERVICE) from when HTTP listens until the app is ready.
				await().atMost(Duration.ofMinutes(1)).until(() -> get(actuator + "health").statusCode() == 200);
				HttpResponse<String> health = get(actuator + "health");
				assertThat(health.body()).as(build.name()).contains("\"status\":\"UP\"").doesNotContain("details",
						"components");
				for (String closed : List.of("prometheus", "grpc", "info", "env", "metrics")) {
					assertThat(get(actuator + closed).statusCode()).as("%s %s", build.name(), closed).isEqualTo(404);
				}
			}
		}
	}

	private static HttpResponse<String> get(String uri) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void onSpringBoot4TheBoot4StarterPacksOneGrpcJavaOnTheShadedTransportOnly() throws IOException {
		List<String> libraries = ConsumerBuild.BOOT4_STARTER_ALONE.libraries();
		// Spring Boot 4 manages grpc-java itself: the app gets Boot's version, one for every jar.
		assertThat(grpcJars(libraries).stream().map((name) -> name.replaceAll("^grpc-[a-z-]+-", "")).distinct())
			.hasSize(1);
		assertThat(libraries).contains("spring-boot-4.1.2.jar")
			.anyMatch((name) -> name.startsWith("grpc-netty-shaded-"))
			.noneMatch((name) -> name.startsWith("grpc-netty-1") || name.startsWith("netty-"));
	}

	/** The app answers through its own sidecar client, and serves its Dapr topic handler. */
	private static void assertCallsItselfAsPeer(ConsumerBuild build) throws Exception {
		int port = ConsumerApp.freePort();
		try (ConsumerApp app = ConsumerApp.start(build.jar(), Map.of("PORT", "" + port),
				"--microservice.clients.peer.address=static://localhost:" + port)) {
			assertThat(app.greeting().greetThroughPeer(ADA).getMessage()).isEqualTo("Hello Ada, from greeting");
			assertThat(app.appCallback().listTopicSubscriptions(Empty.getDefaultInstance()).getSubscriptionsList())
				.extracting(TopicSubscription::getPubsubName, TopicSubscription::getTopic)
				.containsExactly(tuple("pubsub", "greetings"));
			TopicEventResponse delivered = app.appCallback()
				.onTopicEvent(TopicEventRequest.newBuilder()
					.setId("event-1")
					.setPubsubName("pubsub")
					.setTopic("greetings")
					.setDataContentType("application/json")
					.setData(ByteString.copyFromUtf8("{\"name\": \"Grace\"}"))
					.build());
			assertThat(delivered.getStatus()).isEqualTo(TopicEventResponse.TopicEventResponseStatus.SUCCESS);
			await().atMost(Duration.ofSeconds(10)).until(() -> app.output().contains("Someone greeted Grace"));
		}
	}

	private static void assertOnlyTestedVersions(List<String> libraries) {
		List<String> grpc = grpcJars(libraries);
		assertThat(grpc).contains("grpc-api-" + grpcVersion() + ".jar", "grpc-core-" + grpcVersion() + ".jar",
				"grpc-netty-shaded-" + grpcVersion() + ".jar");
		assertThat(grpc).allSatisfy((name) -> assertThat(name).endsWith("-" + grpcVersion() + ".jar"));
		String protobuf = System.getProperty("protobuf.version");
		assertThat(libraries.stream().filter((name) -> name.startsWith("protobuf-java")))
			.containsExactlyInAnyOrder("protobuf-java-" + protobuf + ".jar", "protobuf-java-util-" + protobuf + ".jar");
	}

	/** grpc-java's own jars; net.devh's (grpc-server-spring-boot-starter-...) have their own versions. */
	private static List<String> grpcJars(List<String> libraries) {
		return libraries.stream().filter((name) -> name.startsWith("grpc-") && !name.contains("spring-boot")).toList();
	}

	private static String grpcVersion() {
		return System.getProperty("grpc.version");
	}

}

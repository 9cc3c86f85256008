package io.github.microservicestarter.dapr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.common.collect.Lists;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import io.github.microservicestarter.client.SidecarChannels;
import io.github.microservicestarter.client.SidecarClientAutoConfiguration;
import io.github.microservicestarter.client.probe.EchoGrpc;
import io.github.microservicestarter.client.probe.EchoReply;
import io.github.microservicestarter.client.probe.EchoRequest;
import io.github.microservicestarter.dapr.RecordingEcho.ReceivedCall;
import io.github.microservicestarter.server.AppServerAutoConfiguration;
import io.github.microservicestarter.server.DaprMetadata;
import io.github.microservicestarter.server.EnvironmentVariables;
import io.github.microservicestarter.test.dapr.DaprTools;
import io.github.microservicestarter.test.dapr.Daprd;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The sidecar client through real Dapr sidecars: the caller's calls go to its daprd, chosen by
 * {@code DAPR_GRPC_PORT} in auto mode, which sends them to the callee's daprd, which sends them to
 * the callee, an app on the starter. Both sidecars require their API tokens and the callee its app
 * token, as in production.
 */
class SidecarClientThroughDaprdTests {

	private static final String CALLER_SIDECAR_TOKEN = "caller-sidecar-token";

	private static final String CALLEE_SIDECAR_TOKEN = "callee-sidecar-token";

	private static final String CALLEE_APP_TOKEN = "callee-app-token";

	private static final long DEADLINE_SECONDS = 10;

	/** daprd's working directory, kept when a test fails: its log is there. */
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	static Path daprDirectory;

	static ConfigurableApplicationContext callee;

	static Daprd calleeSidecar;

	static Daprd callerSidecar;

	@BeforeAll
	static void startCalleeAndBothSidecars() throws Exception {
		// Without daprd, fails under CI and skips elsewhere before anything starts.
		DaprTools.daprd();
		callee = TestApps.start(RecordingEcho.class, "callee",
				"microservice.security.app-api-token=" + CALLEE_APP_TOKEN,
				"microservice.security.callers[0].services=probe.Echo/Split",
				"microservice.security.callers[0].apps=caller");
		calleeSidecar = Daprd.builder("callee", daprDirectory)
			.appPort(TestApps.port(callee))
			.environment("DAPR_API_TOKEN", CALLEE_SIDECAR_TOKEN)
			.environment("APP_API_TOKEN", CALLEE_APP_TOKEN)
			.start();
		callerSidecar = Daprd.builder("caller", daprDirectory)
			.environment("DAPR_API_TOKEN", CALLER_SIDECAR_TOKEN)
			.start();
	}

	@AfterAll
	static void stopSidecarsAndCallee() throws Exception {
		if (callerSidecar != null) {
			callerSidecar.close();
		}
		if (calleeSidecar != null) {
			calleeSidecar.close();
		}
		if (callee != null) {
			callee.close();
		}
	}

	/** The caller, under its sidecar as the Dapr CLI runs it: DAPR_GRPC_PORT and DAPR_API_TOKEN set. */
	private static ApplicationContextRunner caller(String sidecarToken) {
		return new ApplicationContextRunner()
			.withInitializer(EnvironmentVariables.of("DAPR_GRPC_PORT", String.valueOf(callerSidecar.grpcPort()),
					"DAPR_API_TOKEN", sidecarToken))
			.withConfiguration(
					AutoConfigurations.of(AppServerAutoConfiguration.class, SidecarClientAutoConfiguration.class))
			.withPropertyValues("spring.application.name=caller");
	}

	private static ApplicationContextRunner caller() {
		return caller(CALLER_SIDECAR_TOKEN);
	}

	private static RecordingEcho echo() {
		return callee.getBean(RecordingEcho.class);
	}

	@Test
	void unaryAndEveryStreamingKindReachTheCalleeThroughBothSidecars() {
		caller().run((context) -> {
			Channel channel = context.getBean(SidecarChannels.class).channel("callee");
			EchoGrpc.EchoBlockingStub blocking = EchoGrpc.newBlockingStub(channel)
				.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
			EchoGrpc.EchoStub async = EchoGrpc.newStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);

			assertThat(blocking.get(request("unary")).getText()).isEqualTo("unary");
			assertThat(Lists.newArrayList(blocking.split(request("server streaming words"))))
				.extracting(EchoReply::getText)
				.containsExactly("server", "streaming", "words");
			Replies joined = new Replies();
			send(async.join(joined), "client", "streaming");
			assertThat(joined.await()).extracting(EchoReply::getText).containsExactly("client streaming");
			Replies chatted = new Replies();
			send(async.chat(chatted), "bidi", "streaming", "chat");
			assertThat(chatted.await()).extracting(EchoReply::getText).containsExactly("bidi", "streaming", "chat");
		});
	}

	@Test
	void callThatOutlivesItsDeadlineIsCancelledAtTheCalleeAndEndsDeadlineExceeded() {
		caller().run((context) -> {
			int before = echo().calls().size();
			EchoGrpc.EchoBlockingStub echo = EchoGrpc
				.newBlockingStub(context.getBean(SidecarChannels.class).channel("callee"))
				.withDeadlineAfter(500, TimeUnit.MILLISECONDS);
			StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
					() -> echo.get(request(RecordingEcho.HANG)));
			assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
			// The deadline went through both sidecars (as grpc-timeout), and the callee's call ended at it,
			// not normally: its context was cancelled with a cause.
			ReceivedCall received = echo().callsSince(before).get(0);
			assertThat(received.timeout()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
			assertThat(received.cancelled()).succeedsWithin(Duration.ofSeconds(5)).isNotNull();
		});
	}

	@Test
	void errorCodesAndTheirDetailsPassThroughBothSidecarsIntact() {
		caller().run((context) -> {
			EchoGrpc.EchoBlockingStub echo = EchoGrpc
				.newBlockingStub(context.getBean(SidecarChannels.class).channel("callee"))
				.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
			for (String text : RecordingEcho.FAILING) {
				StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
						() -> echo.post(request(text)));
				assertThat(StatusProto.fromThrowable(failure)).as(text).isEqualTo(RecordingEcho.failure(text));
			}
		});
	}

	@Test
	void calleeReceivesTheCallersAppIdOnceAsItsSidecarSetsIt() {
		caller().run((context) -> {
			int before = echo().calls().size();
			Channel channel = context.getBean(SidecarChannels.class).channel("callee");
			EchoGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).get(request("who"));
			Replies chatted = new Replies();
			send(EchoGrpc.newStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).chat(chatted),
					"who");
			chatted.await();
			assertThat(echo().callsSince(before)).hasSize(2)
				.allSatisfy((call) -> assertThat(call.all("dapr-caller-app-id")).containsExactly("caller"));
		});
	}

	@Test
	void callerIdAnAppWritesItselfComesBeforeItsSidecarsAndCannotPassTheCallersRules() throws Exception {
		try (Daprd intruderSidecar = Daprd.builder("intruder", daprDirectory).start();
				ManagedChannelCloser intruder = new ManagedChannelCloser(
						ManagedChannelBuilder.forAddress("localhost", intruderSidecar.grpcPort()).usePlaintext().build())) {
			Metadata route = new Metadata();
			route.put(DaprMetadata.APP_ID, "callee");
			route.put(DaprMetadata.CALLER_APP_ID, "caller");
			int before = echo().calls().size();
			EchoGrpc.newBlockingStub(intruder.channel())
				.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(route))
				.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
				.get(request("who"));
			assertThat(echo().callsSince(before).get(0).all("dapr-caller-app-id")).containsExactly("caller", "intruder");
			StatusRuntimeException refusal = catchThrowableOfType(StatusRuntimeException.class,
					() -> EchoGrpc.newBlockingStub(intruder.channel())
						.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(route))
						.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
						.split(request("only the caller"))
						.hasNext());
			assertThat(refusal.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
			assertThat(refusal.getStatus().getDescription()).isEqualTo("App 'intruder' may not call probe.Echo/Split");
		}
	}

	/** A channel shut down on close. */
	private record ManagedChannelCloser(ManagedChannel channel) implements AutoCloseable {

		@Override
		public void close() throws InterruptedException {
			this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}

	}

	@Test
	void calleeReceivesItsAppTokenAndNeitherSidecarsToken() {
		caller().run((context) -> {
			int before = echo().calls().size();
			EchoGrpc.newBlockingStub(context.getBean(SidecarChannels.class).channel("callee"))
				.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
				.get(request("token"));
			assertThat(echo().callsSince(before).get(0).all("dapr-api-token")).containsExactly(CALLEE_APP_TOKEN);
		});
	}

	@Test
	void callerWithAWrongSidecarTokenIsRefusedByItsSidecar() {
		caller("not-" + CALLER_SIDECAR_TOKEN).run((context) -> {
			int before = echo().calls().size();
			EchoGrpc.EchoBlockingStub echo = EchoGrpc
				.newBlockingStub(context.getBean(SidecarChannels.class).channel("callee"))
				.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
			StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
					() -> echo.get(request("refused")));
			assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
			assertThat(echo().callsSince(before)).isEmpty();
		});
	}

	@Test
	void callThatGoesAroundTheSidecarsWithoutTheAppTokenIsRefusedByTheApp() throws Exception {
		int before = echo().calls().size();
		ManagedChannel around = ManagedChannelBuilder.forAddress("127.0.0.1", TestApps.port(callee))
			.usePlaintext()
			.build();
		try {
			EchoGrpc.EchoBlockingStub echo = EchoGrpc.newBlockingStub(around)
				.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
			StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
					() -> echo.get(request("around")));
			assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
			// The caller's sidecar token is not the app's: only the callee's sidecar has that.
			Metadata sidecarToken = new Metadata();
			sidecarToken.put(DaprMetadata.API_TOKEN, CALLER_SIDECAR_TOKEN);
			StatusRuntimeException withSidecarToken = catchThrowableOfType(StatusRuntimeException.class,
					() -> echo.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(sidecarToken))
						.get(request("around")));
			assertThat(withSidecarToken.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
			assertThat(echo().callsSince(before)).isEmpty();
		}
		finally {
			around.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	private static EchoRequest request(String text) {
		return EchoRequest.newBuilder().setText(text).build();
	}

	private static void send(StreamObserver<EchoRequest> requests, String... texts) {
		for (String text : texts) {
			requests.onNext(request(text));
		}
		requests.onCompleted();
	}

	/** Collects the replies of a call until it ends. */
	private static final class Replies implements StreamObserver<EchoReply> {

		private final List<EchoReply> replies = new ArrayList<>();

		private final CompletableFuture<List<EchoReply>> done = new CompletableFuture<>();

		@Override
		public synchronized void onNext(EchoReply reply) {
			this.replies.add(reply);
		}

		@Override
		public void onError(Throwable error) {
			this.done.completeExceptionally(error);
		}

		@Override
		public synchronized void onCompleted() {
			this.done.complete(List.copyOf(this.replies));
		}

		List<EchoReply> await() throws Exception {
			return this.done.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
		}

	}

}

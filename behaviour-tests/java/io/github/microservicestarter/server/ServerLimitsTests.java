package io.github.microservicestarter.server;

import java.time.Duration;

import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The server's limits hold by default and follow {@code microservice.server.*}: what it
 * advertises to clients, the messages and headers it reads, the keepalive pings it permits and how
 * long its connections live.
 */
class ServerLimitsTests {

	private final ApplicationContextRunner runner = GrpcServerRunner.onFreePort()
		.withBean(ProbeService.class, () -> new ProbeService((request) -> "took " + request.length()));

	@Test
	void serverAdvertisesAHundredCallsPerConnectionAndEightKilobytesOfHeadersByDefault() {
		this.runner.run((context) -> {
			try (RawHttp2Connection connection = RawHttp2Connection.open(GrpcServerRunner.localPort(context))) {
				assertThat(connection.setting(RawHttp2Connection.MAX_CONCURRENT_STREAMS)).isEqualTo(100);
				assertThat(connection.setting(RawHttp2Connection.MAX_HEADER_LIST_SIZE)).isEqualTo(8192);
			}
		});
	}

	@Test
	void advertisedLimitsFollowTheProperties() {
		this.runner
			.withPropertyValues("microservice.server.max-concurrent-calls-per-connection=7",
					"microservice.server.max-inbound-metadata-size=4KB")
			.run((context) -> {
				try (RawHttp2Connection connection = RawHttp2Connection.open(GrpcServerRunner.localPort(context))) {
					assertThat(connection.setting(RawHttp2Connection.MAX_CONCURRENT_STREAMS)).isEqualTo(7);
					assertThat(connection.setting(RawHttp2Connection.MAX_HEADER_LIST_SIZE)).isEqualTo(4096);
				}
			});
	}

	@Test
	void requestLargerThanTheMessageLimitIsResourceExhausted() {
		this.runner.withPropertyValues("microservice.server.max-inbound-message-size=1KB").run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				assertThat(ProbeService.call(channel.channel(), "x".repeat(1000))).isEqualTo("took 1000");
				StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
						() -> ProbeService.call(channel.channel(), "x".repeat(1100)));
				assertThat(refused.getStatus().getCode()).isEqualTo(Code.RESOURCE_EXHAUSTED);
			}
		});
	}

	@Test
	void callWithMoreHeadersThanTheLimitIsRefused() {
		this.runner.withPropertyValues("microservice.server.max-inbound-metadata-size=1KB").run((context) -> {
			try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
				Metadata headers = new Metadata();
				headers.put(Metadata.Key.of("x-large", Metadata.ASCII_STRING_MARSHALLER), "x".repeat(2048));
				StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
						() -> ProbeService.call(ClientInterceptors.intercept(channel.channel(),
								MetadataUtils.newAttachHeadersInterceptor(headers)), "probe"));
				assertThat(refused.getStatus().getCode()).isIn(Code.RESOURCE_EXHAUSTED, Code.INTERNAL);
				assertThat(ProbeService.call(channel.channel(), "probe")).isEqualTo("took 5");
			}
		});
	}

	@Test
	void clientThatPingsAnIdleConnectionIsDisconnectedWithTooManyPings() {
		this.runner.run((context) -> {
			try (RawHttp2Connection connection = RawHttp2Connection.open(GrpcServerRunner.localPort(context))) {
				for (int i = 0; i < 4; i++) {
					connection.ping();
				}
				RawHttp2Connection.GoAway goAway = connection.awaitGoAway(Duration.ofSeconds(5));
				assertThat(goAway).isNotNull();
				assertThat(goAway.errorCode()).isEqualTo(RawHttp2Connection.ENHANCE_YOUR_CALM);
				assertThat(goAway.debugData()).isEqualTo("too_many_pings");
			}
		});
	}

	@Test
	void pingsAsOftenAsThePropertiesPermitKeepTheConnection() {
		this.runner
			.withPropertyValues("microservice.server.keepalive.permit-time=0s",
					"microservice.server.keepalive.permit-without-calls=true")
			.run((context) -> {
				try (RawHttp2Connection connection = RawHttp2Connection.open(GrpcServerRunner.localPort(context))) {
					for (int i = 0; i < 10; i++) {
						connection.ping();
					}
					assertThat(connection.awaitPingAcks(10, Duration.ofSeconds(5))).isTrue();
				}
			});
	}

	@Test
	void connectionOlderThanItsMaxAgeIsAskedToReconnect() {
		this.runner.withPropertyValues("microservice.server.max-connection-age=300ms").run((context) -> {
			try (RawHttp2Connection connection = RawHttp2Connection.open(GrpcServerRunner.localPort(context))) {
				RawHttp2Connection.GoAway goAway = connection.awaitGoAway(Duration.ofSeconds(5));
				assertThat(goAway).isNotNull();
				assertThat(goAway.errorCode()).isZero();
			}
		});
	}

	@Test
	void connectionIdleLongerThanItsMaxIdleIsClosed() {
		this.runner.withPropertyValues("microservice.server.max-connection-idle=300ms").run((context) -> {
			try (RawHttp2Connection connection = RawHttp2Connection.open(GrpcServerRunner.localPort(context))) {
				assertThat(connection.awaitGoAway(Duration.ofSeconds(5))).isNotNull();
			}
		});
	}

	@Test
	void connectionOfTheDefaultsStaysOpenWhileIdle() {
		this.runner.run((context) -> {
			try (RawHttp2Connection connection = RawHttp2Connection.open(GrpcServerRunner.localPort(context))) {
				assertThat(connection.awaitGoAway(Duration.ofSeconds(1))).isNull();
			}
		});
	}

	@Test
	void limitThatLetsNoCallThroughStopsTheStartNamingIt() {
		this.runner.withPropertyValues("microservice.server.max-concurrent-calls-per-connection=0").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo(
					"Invalid value for microservice.server.max-concurrent-calls-per-connection: 0 would let no call through.");
			assertThat(analysis.getAction())
				.startsWith("Set microservice.server.max-concurrent-calls-per-connection to 1 or more");
		});
	}

	@Test
	void messageLimitOutsideWhatTheServerCanReadStopsTheStartNamingIt() {
		this.runner.withPropertyValues("microservice.server.max-inbound-message-size=3GB").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith(
					"Invalid value for microservice.server.max-inbound-message-size: 3221225472B is not a size");
			assertThat(analysis.getAction()).contains("such as 4MB");
		});
	}

	private static FailureAnalysis analysis(Throwable failure) {
		FailureAnalyzer analyzer = new InvalidAppSettingFailureAnalyzer();
		return analyzer.analyze(failure);
	}

}

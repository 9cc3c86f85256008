package io.github.microservicestarter.demo.user;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.Status.Code;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import static io.github.microservicestarter.demo.user.TestUsers.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flood of ten times the calls the service runs at once (200): 20 connections, each with its 100
 * calls in flight, for {@value #FLOOD_SECONDS} s, against the user service in a JVM of its own.
 * The excess is refused with RESOURCE_EXHAUSTED, nothing else fails, every health check answers
 * SERVING within its deadline (5 s; it took 8.6 s before admission control), memory and the log
 * stay small, and the service serves on afterwards. How fast health answers is printed, not
 * asserted: on this test's machine the flood's client shares the server's two CPUs, so the figure
 * says more about the machine than the server.
 */
class OverloadTests {

	private static final int CONNECTIONS = 20;

	private static final int CALLS_PER_CONNECTION = 100;

	private static final int FLOOD_SECONDS = 5;

	/** The bounds the test holds the service to; with -Xmx256m it stayed under 350 MB in the runs so far. */
	private static final long MAX_RSS_MEGABYTES = 600;

	private static final long MAX_LOG_BYTES = 10_000;

	@Test
	void floodOfTenTimesTheCallLimitIsShedWhileHealthKeepsAnsweringAndMemoryAndLogStaySmall() throws Exception {
		Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "flood-")
			.toAbsolutePath();
		// The JVM as in production (both compilers), with the heap a small container gives it.
		try (UserServiceProcess service = UserServiceProcess.start(List.of("-Xmx256m"), Path.of("target", "flood.log"),
				List.of("--user-service.data-dir=" + dataDir))) {
			// The prober has an event loop of its own: in this JVM, the flood keeps the shared ones busy.
			NioEventLoopGroup probeLoop = new NioEventLoopGroup(1);
			ManagedChannel probe = NettyChannelBuilder.forAddress("localhost", service.port())
				.usePlaintext()
				.eventLoopGroup(probeLoop)
				.channelType(NioSocketChannel.class)
				.directExecutor()
				.build();
			List<ManagedChannel> flood = new ArrayList<>();
			try {
				String userId = UserServiceGrpc.newBlockingStub(probe)
					.withDeadlineAfter(30, TimeUnit.SECONDS)
					.createUser(newUser("Flooded"))
					.getUser()
					.getId();
				for (int i = 0; i < CONNECTIONS; i++) {
					flood.add(NettyChannelBuilder.forAddress("localhost", service.port())
						.usePlaintext()
						.directExecutor()
						.build());
				}
				GetUserRequest request = GetUserRequest.newBuilder().setUserId(userId).build();
				// Warm-up at the call limit, so that the flood meets compiled code, as in production.
				Flood.run(flood.subList(0, 2), request, probe, () -> service.process().rssKilobytes() / 1024);
				long rssBefore = service.process().rssKilobytes() / 1024;
				long logBefore = service.process().logBytes();

				Flood result = Flood.run(flood, request, probe, () -> service.process().rssKilobytes() / 1024);
				long logGrowth = service.process().logBytes() - logBefore;

				System.out.printf("Flood of %d calls in flight for %d s: %s; health p50 %d ms, p99 %d ms, max %d ms"
						+ " (%d checks); RSS %d MB before, %d MB at most; log grew %d bytes%n",
						CONNECTIONS * CALLS_PER_CONNECTION, FLOOD_SECONDS, result.codes, result.healthMillis(50),
						result.healthMillis(99), result.healthMillis(100), result.healthLatencies.size(), rssBefore,
						result.maxRssMegabytes.get(), logGrowth);
				assertThat(service.process().isAlive()).isTrue();
				assertThat(result.codes).containsOnlyKeys(Code.OK, Code.RESOURCE_EXHAUSTED);
				assertThat(result.codes.get(Code.RESOURCE_EXHAUSTED).sum()).isPositive();
				assertThat(result.codes.get(Code.OK).sum()).isPositive();
				assertThat(result.healthFailures).isEmpty();
				assertThat(result.healthStatuses).containsOnly(ServingStatus.SERVING);
				assertThat(result.maxRssMegabytes.get()).isLessThan(MAX_RSS_MEGABYTES);
				assertThat(logGrowth).isLessThan(MAX_LOG_BYTES);
				assertThat(UserServiceGrpc.newBlockingStub(probe)
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.getUser(GetUserRequest.newBuilder().setUserId(userId).build())
					.getUser()
					.getId()).isEqualTo(userId);
			}
			finally {
				probe.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
				probeLoop.shutdownGracefully();
				flood.forEach(ManagedChannel::shutdownNow);
			}
		}
	}

	/**
	 * What a flood met: the codes of its calls, and the health checks and resident memory measured
	 * while it ran.
	 */
	private static final class Flood {

		private final Map<Code, LongAdder> codes = new ConcurrentHashMap<>();

		private final List<Long> healthLatencies = Collections.synchronizedList(new ArrayList<>());

		private final List<ServingStatus> healthStatuses = Collections.synchronizedList(new ArrayList<>());

		private final List<Status> healthFailures = Collections.synchronizedList(new ArrayList<>());

		private final AtomicLong healthChecks = new AtomicLong();

		private final AtomicLong maxRssMegabytes = new AtomicLong();

		private CountDownLatch callsDone;

		private long end;

		static Flood run(List<ManagedChannel> channels, GetUserRequest request, ManagedChannel probe, LongSupplier rss)
				throws InterruptedException {
			Flood flood = new Flood();
			flood.callsDone = new CountDownLatch(channels.size() * CALLS_PER_CONNECTION);
			flood.end = System.nanoTime() + TimeUnit.SECONDS.toNanos(FLOOD_SECONDS);
			ScheduledExecutorService probes = Executors.newScheduledThreadPool(2);
			probes.scheduleAtFixedRate(() -> flood.checkHealth(probe), 0, 50, TimeUnit.MILLISECONDS);
			probes.scheduleWithFixedDelay(() -> flood.maxRssMegabytes.accumulateAndGet(rss.getAsLong(), Math::max), 0,
					100, TimeUnit.MILLISECONDS);
			for (ManagedChannel channel : channels) {
				for (int i = 0; i < CALLS_PER_CONNECTION; i++) {
					flood.call(channel, request);
				}
			}
			boolean done = flood.callsDone.await(FLOOD_SECONDS + 60, TimeUnit.SECONDS);
			probes.shutdownNow();
			probes.awaitTermination(10, TimeUnit.SECONDS);
			assertThat(done).as("the flood's calls ended").isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> flood.healthStatuses.size() + flood.healthFailures.size() == flood.healthChecks.get());
			return flood;
		}

		/** Calls, and calls again as soon as the answer comes, until the flood's time is over. */
		private void call(ManagedChannel channel, GetUserRequest request) {
			ClientCalls.asyncUnaryCall(
					channel.newCall(UserServiceGrpc.getGetUserMethod(),
							CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS)),
					request, new StreamObserver<>() {

						@Override
						public void onNext(GetUserResponse response) {
						}

						@Override
						public void onError(Throwable error) {
							ended(Status.fromThrowable(error).getCode());
						}

						@Override
						public void onCompleted() {
							ended(Code.OK);
						}

						private void ended(Code code) {
							Flood.this.codes.computeIfAbsent(code, (key) -> new LongAdder()).increment();
							if (System.nanoTime() < Flood.this.end) {
								call(channel, request);
							}
							else {
								Flood.this.callsDone.countDown();
							}
						}

					});
		}

		/** Checks the health, without waiting for the answer: one check late does not delay the next. */
		private void checkHealth(ManagedChannel probe) {
			if (System.nanoTime() >= this.end) {
				return;
			}
			long start = System.nanoTime();
			this.healthChecks.incrementAndGet();
			HealthGrpc.newStub(probe)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.check(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {

					@Override
					public void onNext(HealthCheckResponse response) {
						Flood.this.healthStatuses.add(response.getStatus());
						Flood.this.healthLatencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
					}

					@Override
					public void onError(Throwable error) {
						Flood.this.healthFailures.add(Status.fromThrowable(error));
					}

					@Override
					public void onCompleted() {
					}

				});
		}

		/** A percentile of the health checks' latencies, in milliseconds. */
		long healthMillis(int percentile) {
			List<Long> sorted = new ArrayList<>(this.healthLatencies);
			Collections.sort(sorted);
			int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
			return sorted.get(Math.max(0, index));
		}

	}

}

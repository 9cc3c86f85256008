package io.github.microservicestarter.demo.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.github.microservicestarter.server.LocalAppPort;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The user service running on a random port with H2 in files of a fresh directory, and a channel
 * to it. Test classes extending this share one application (and one database): each test uses
 * its own users, with unique emails.
 */
@SpringBootTest(properties = "microservice.app-port=0")
@Import(StreamingMessageCounter.class)
abstract class RunningUserService {

	private static final Path DATA_DIR = newDataDir();

	@LocalAppPort
	int port;

	ManagedChannel channel;

	/**
	 * A channel that takes in at most 64 KiB a call ahead of what the client reads: a fixed
	 * flow-control window, which no auto-tuning grows, as a slow client over a slow network has.
	 */
	ManagedChannel smallWindowChannel;

	UserServiceGrpc.UserServiceBlockingStub users;

	UserServiceGrpc.UserServiceStub asyncUsers;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("user-service.data-dir", DATA_DIR::toString);
	}

	@BeforeEach
	void openChannel() {
		this.channel = ManagedChannelBuilder.forAddress("localhost", this.port).usePlaintext().build();
		this.smallWindowChannel = NettyChannelBuilder.forAddress("localhost", this.port)
			.usePlaintext()
			.flowControlWindow(65535)
			.build();
		this.users = UserServiceGrpc.newBlockingStub(this.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
		this.asyncUsers = UserServiceGrpc.newStub(this.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	@AfterEach
	void closeChannel() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.smallWindowChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	/** A counter's value once it stopped growing. */
	static long settled(LongSupplier counter) {
		AtomicLong last = new AtomicLong(-1);
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
			long now = counter.getAsLong();
			return now == last.getAndSet(now);
		});
		return last.get();
	}

	private static Path newDataDir() {
		try {
			Path target = Files.createDirectories(Path.of("target", "test-data"));
			return Files.createTempDirectory(target, "users-").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

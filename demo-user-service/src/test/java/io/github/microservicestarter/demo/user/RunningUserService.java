package io.github.microservicestarter.demo.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.github.microservicestarter.autoconfigure.server.LocalAppPort;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

	UserServiceGrpc.UserServiceBlockingStub users;

	UserServiceGrpc.UserServiceStub asyncUsers;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("user-service.data-dir", DATA_DIR::toString);
	}

	@BeforeEach
	void openChannel() {
		this.channel = ManagedChannelBuilder.forAddress("localhost", this.port).usePlaintext().build();
		this.users = UserServiceGrpc.newBlockingStub(this.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
		this.asyncUsers = UserServiceGrpc.newStub(this.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	@AfterEach
	void closeChannel() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
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

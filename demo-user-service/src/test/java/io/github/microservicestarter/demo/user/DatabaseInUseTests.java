package io.github.microservicestarter.demo.user;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A user service started on database files another process has open fails with an explanation
 * and the fix, not a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseInUseTests {

	@TempDir
	Path dataDir;

	@Test
	void secondServiceOnTheSameDataDirIsToldToStopTheOtherOrUseAnotherDir(CapturedOutput output) throws Exception {
		// A lock on H2's file, as an H2 in another process holds while it has the database open.
		try (FileChannel file = FileChannel.open(this.dataDir.resolve("users.mv.db"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = file.lock()) {

			assertThatException().isThrownBy(() -> new SpringApplicationBuilder(UserServiceApplication.class)
				.run("--microservice.app-port=0", "--server.port=0", "--user-service.data-dir=" + this.dataDir));
		}

		assertThat(output).contains("another process has it open")
			.contains("user-service.data-dir")
			.contains("Action:");
	}

}

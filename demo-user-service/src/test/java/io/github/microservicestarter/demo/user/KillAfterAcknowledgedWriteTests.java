package io.github.microservicestarter.demo.user;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged write is on disk: the user service on its embedded H2 database, killed with
 * {@code kill -9} right after a write it acknowledged, round after round, has every acknowledged
 * write when it starts again on the same files.
 */
class KillAfterAcknowledgedWriteTests {

	private static final int ROUNDS = 2;

	private static final int WRITES_PER_ROUND = 60;

	@Test
	void everyWriteAcknowledgedBeforeAKillIsThereAfterTheRestart() throws Exception {
		Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "killed-")
			.toAbsolutePath();
		AcknowledgedWrites writes = new AcknowledgedWrites();
		for (int round = 0; round < ROUNDS; round++) {
			try (UserServiceProcess service = UserServiceProcess.onH2(dataDir,
					Path.of("target", "killed-h2-" + round + ".log"))) {
				writes.writeThenKill(service, WRITES_PER_ROUND);
			}
		}
		try (UserServiceProcess service = UserServiceProcess.onH2(dataDir, Path.of("target", "killed-h2-after.log"))) {
			assertThat(writes.assertAllFound(service::channel)).isGreaterThanOrEqualTo(ROUNDS * WRITES_PER_ROUND / 2);
		}
	}

}

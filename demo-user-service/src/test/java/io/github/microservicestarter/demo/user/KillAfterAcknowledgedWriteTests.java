package io.github.microservicestarter.demo.user;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged write is on disk: the user service on its embedded H2 database, killed with
 * {@code kill -9} right after a write it acknowledged, round after round, has every acknowledged
 * write when it starts again on the same files. {@link PostgresFaultTests} does the same on
 * PostgreSQL.
 */
class KillAfterAcknowledgedWriteTests {

	static final int ROUNDS = 2;

	static final int WRITES_PER_ROUND = 60;

	@Test
	void everyWriteAcknowledgedBeforeAKillIsThereAfterTheRestart() throws Exception {
		Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "killed-")
			.toAbsolutePath();
		int checked = AcknowledgedWrites.surviveKills(ROUNDS, WRITES_PER_ROUND,
				(round) -> UserServiceProcess.onH2(dataDir, Path.of("target", "killed-h2-" + round + ".log")));
		assertThat(checked).isGreaterThanOrEqualTo(ROUNDS * WRITES_PER_ROUND / 2);
	}

}

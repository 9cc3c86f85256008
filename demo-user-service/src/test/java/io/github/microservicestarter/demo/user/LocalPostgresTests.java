package io.github.microservicestarter.demo.user;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The PostgreSQL contract on a server from the postgresql package, started for this class. Skipped
 * where the package is missing, except in CI (the CI variable set), which must install it.
 */
class LocalPostgresTests extends PostgresContract {

	private LocalPostgres postgres;

	@Override
	Database startDatabase() throws Exception {
		Optional<Path> binaries = LocalPostgres.findBinaries();
		if (binaries.isEmpty()) {
			String missing = "no PostgreSQL under /usr/lib/postgresql/*/bin: install the postgresql package";
			assumeTrue(System.getenv("CI") != null, missing);
			fail(missing);
		}
		this.postgres = LocalPostgres.start(binaries.get());
		return new Database(this.postgres.jdbcUrl(), "postgres", "");
	}

	@Override
	void stopDatabase() throws Exception {
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

}

package io.github.microservicestarter.demo.user;

/**
 * The PostgreSQL contract on a server from the postgresql package, started for this class. Skipped
 * where the package is missing, except in CI (the CI variable set), which must install it.
 */
class LocalPostgresTests extends PostgresContract {

	private LocalPostgres postgres;

	@Override
	Database startDatabase() throws Exception {
		this.postgres = LocalPostgres.startOrSkip();
		return new Database(this.postgres.jdbcUrl(), "postgres", "");
	}

	@Override
	void stopDatabase() throws Exception {
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

}

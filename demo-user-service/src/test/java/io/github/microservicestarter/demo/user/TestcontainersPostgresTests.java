package io.github.microservicestarter.demo.user;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL contract on a PostgreSQL container. Skipped where there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersPostgresTests extends PostgresContract {

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	@Override
	Database startDatabase() {
		return new Database(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
	}

	@Override
	void stopDatabase() {
		// The Testcontainers extension stops the container.
	}

}

package io.github.microservicestarter.demo.user.store;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an embedded H2 database that another process has open, which is what happens when a
 * second user service starts on the same {@code user-service.data-dir}.
 */
class DatabaseInUseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

	/** H2's DATABASE_ALREADY_OPEN_1: the database files are locked by another process. */
	private static final int DATABASE_ALREADY_OPEN = 90020;

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
		if (cause.getErrorCode() != DATABASE_ALREADY_OPEN) {
			return null;
		}
		String description = "The user service could not open its embedded database: another process has it"
				+ " open.%n%s".formatted(cause.getMessage());
		String action = "Stop the other user service that runs on the same user-service.data-dir, or give this one"
				+ " a directory of its own: --user-service.data-dir=<directory>.";
		return new FailureAnalysis(description, action, cause);
	}

}

package io.github.microservicestarter.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidAppSettingException} as the setting to fix, without a stack trace.
 */
class InvalidAppSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAppSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidAppSettingException cause) {
		String description = "Invalid value for %s: %s".formatted(cause.getSetting(), cause.getMessage());
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}

package io.github.microservicestarter.callback;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidDaprHandlerException} as the handler to fix, without a stack trace.
 */
class InvalidDaprHandlerFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDaprHandlerException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidDaprHandlerException cause) {
		String description = "Invalid Dapr handler %s: %s".formatted(cause.getHandler(), cause.getMessage());
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}

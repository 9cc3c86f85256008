package io.github.microservicestarter.errors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidExceptionAdviceException} as the method to fix, without a stack trace.
 */
class InvalidExceptionAdviceFailureAnalyzer extends AbstractFailureAnalyzer<InvalidExceptionAdviceException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidExceptionAdviceException cause) {
		String description = "Invalid @GrpcExceptionMapping method %s: %s".formatted(cause.getMethod(),
				cause.getMessage());
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}

package io.github.microservicestarter.client;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidSidecarClientException} as the injection point to fix, without a stack
 * trace.
 */
class InvalidSidecarClientFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSidecarClientException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSidecarClientException cause) {
		return new FailureAnalysis("Invalid sidecar client " + cause.getMessage(), cause.getAction(), cause);
	}

}

package io.github.microservicestarter.client;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link UnknownTargetAppException} as the address property to set, without a stack
 * trace.
 */
class UnknownTargetAppFailureAnalyzer extends AbstractFailureAnalyzer<UnknownTargetAppException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownTargetAppException cause) {
		String property = UnknownTargetAppException.addressProperty(cause.getAppId());
		String action = ("Set %s to where '%s' listens (static://host:port[,host:port...] or dns:///host:port), or"
				+ " call it through the Dapr sidecar: run under Dapr (which sets DAPR_GRPC_PORT), or set"
				+ " microservice.client.mode (or microservice.clients.%s.mode) to sidecar.")
			.formatted(property, cause.getAppId(), cause.getAppId());
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}

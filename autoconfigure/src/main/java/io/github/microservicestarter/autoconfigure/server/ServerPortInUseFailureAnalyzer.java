package io.github.microservicestarter.autoconfigure.server;

import java.net.BindException;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a gRPC server that could not listen because its port is taken, naming the port, where
 * it came from and how to choose another.
 */
class ServerPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private final ObjectProvider<AppServerSettings> settings;

	ServerPortInUseFailureAnalyzer(BeanFactory beanFactory) {
		this.settings = beanFactory.getBeanProvider(AppServerSettings.class);
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		AppServerSettings settings = this.settings.getIfAvailable();
		if (settings == null) {
			return null;
		}
		String description = "The gRPC server could not listen on port %d (from %s): %s."
			.formatted(settings.port(), settings.portSource(), cause.getMessage());
		String action = "Stop the process that listens on port %d, or set microservice.app-port (or the PORT"
				+ " environment variable) to a free port; 0 picks one at startup.";
		return new FailureAnalysis(description, action.formatted(settings.port()), cause);
	}

}

package io.github.microservicestarter.server;

import java.io.IOException;

import io.github.microservicestarter.server.AppServerSettingsResolver.PortChoice;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Reports a gRPC server that could not listen on its port, naming the port, where it came from and
 * how to choose another. Bind failures of anything else (a web server, a user's socket) are left to
 * other analyzers.
 */
class ServerPortInUseFailureAnalyzer implements FailureAnalyzer {

	private final Environment environment;

	ServerPortInUseFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		IOException bindFailure = findGrpcBindFailure(failure);
		if (bindFailure == null) {
			return null;
		}
		// The context is gone by now, so the port is resolved again from the environment.
		PortChoice port = new AppServerSettingsResolver(this.environment).resolvePort();
		String description = "The gRPC server could not listen on port %d (from %s): %s."
			.formatted(port.port(), port.source(), bindFailure.getCause().getMessage());
		String action = ("Stop the process that listens on port %d, or set microservice.app-port to another port;"
				+ " 0 picks a free one at startup.").formatted(port.port());
		return new FailureAnalysis(description, action, failure);
	}

	/**
	 * grpc-java's server transports report a port they cannot bind as an IOException of their own,
	 * caused by the socket's error (a BindException, or netty's native error under epoll).
	 */
	private static IOException findGrpcBindFailure(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof IOException ioException && candidate.getCause() instanceof IOException
					&& thrownByGrpc(candidate)) {
				return ioException;
			}
		}
		return null;
	}

	private static boolean thrownByGrpc(Throwable exception) {
		StackTraceElement[] stackTrace = exception.getStackTrace();
		return stackTrace.length > 0 && stackTrace[0].getClassName().startsWith("io.grpc.");
	}

}

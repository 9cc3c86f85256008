package io.github.microservicestarter.errors;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.microservicestarter.errors.ServerWarnings.Source;

/**
 * The {@code grpc.server.warnings} counter: every {@link ServerWarnings warning}, logged or held
 * back, tagged {@code source} {@code call} (a service failed with an exception no advice maps) or
 * {@code transport} (a broken stream or connection, an unreadable request).
 */
public class ErrorMetrics implements MeterBinder {

	private final ServerWarnings warnings;

	/**
	 * Creates the meters' binder.
	 * @param warnings the server's warnings
	 */
	public ErrorMetrics(ServerWarnings warnings) {
		this.warnings = warnings;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Source source : Source.values()) {
			FunctionCounter.builder("grpc.server.warnings", this.warnings, (warnings) -> warnings.total(source))
				.description("Warnings of the gRPC server, logged or held back")
				.tag("source", source.tag())
				.register(registry);
		}
	}

}

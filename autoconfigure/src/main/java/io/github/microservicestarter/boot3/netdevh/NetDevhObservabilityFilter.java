package io.github.microservicestarter.boot3.netdevh;

import java.util.Set;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps out net.devh's metric and tracing auto-configurations: the starter instruments calls with
 * its own interceptors alone (package observability), and net.devh's would add
 * two more meter families and a second span per call.
 * <p>
 * A filter rather than beans they are conditional on: they are conditional on a meter or
 * observation registry, which the app must keep, and one of them on nothing we could provide.
 */
public class NetDevhObservabilityFilter implements AutoConfigurationImportFilter {

	/** The auto-configurations this filter keeps out. */
	static final Set<String> EXCLUDED = Set.of(
			"net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration",
			"net.devh.boot.grpc.server.autoconfigure.GrpcServerMicrometerTraceAutoConfiguration");

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			// Null marks a candidate an earlier filter already took out.
			String candidate = autoConfigurationClasses[i];
			matches[i] = candidate == null || !EXCLUDED.contains(candidate);
		}
		return matches;
	}

}

package io.github.microservicestarter.boot3.netdevh;

import java.util.Set;

import io.github.microservicestarter.runtime.ExcludedAutoConfigurations;

/**
 * Keeps out net.devh's metric and tracing auto-configurations: the starter instruments calls with
 * its own interceptors alone (package instrumentation), and net.devh's would add two more meter
 * families and a second span per call.
 */
public class NetDevhObservabilityFilter extends ExcludedAutoConfigurations {

	/** Creates the filter. */
	public NetDevhObservabilityFilter() {
		super(Set.of("net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration",
				"net.devh.boot.grpc.server.autoconfigure.GrpcServerMicrometerTraceAutoConfiguration"));
	}

}

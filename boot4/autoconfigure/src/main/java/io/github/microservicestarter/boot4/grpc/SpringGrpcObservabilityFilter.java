package io.github.microservicestarter.boot4.grpc;

import java.util.Set;

import io.github.microservicestarter.runtime.ExcludedAutoConfigurations;

/**
 * Keeps out the Spring Boot gRPC auto-configurations whose work the starter does itself: the
 * observation interceptors, which would count every call a second time under the starter's meter
 * names and add a second span, and the scheduler that copies the actuator's overall health into
 * the gRPC health service every five seconds, over the statuses the starter keeps in step with the
 * app's readiness and liveness.
 */
public class SpringGrpcObservabilityFilter extends ExcludedAutoConfigurations {

	/** Creates the filter. */
	public SpringGrpcObservabilityFilter() {
		super(Set.of("org.springframework.boot.grpc.server.autoconfigure.GrpcServerObservationAutoConfiguration",
				"org.springframework.boot.grpc.client.autoconfigure.GrpcClientObservationAutoConfiguration",
				"org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthSchedulerAutoConfiguration"));
	}

}

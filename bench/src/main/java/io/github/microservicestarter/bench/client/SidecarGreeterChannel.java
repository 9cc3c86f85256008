package io.github.microservicestarter.bench.client;

import io.grpc.Channel;

import org.springframework.stereotype.Component;

/**
 * The sidecar client's channel to the app id "greeter", which bench/run points in direct mode at
 * the greeter server ({@code microservice.clients.greeter.address=static://127.0.0.1:<port>}).
 * The sidecar client (issue 3) is not on this branch: comparison 'client' says so until it is.
 */
@Component
class SidecarGreeterChannel {

	Channel channel() {
		throw new IllegalStateException("Comparison 'client' needs the sidecar client of issue 3 (@SidecarClient),"
				+ " which this build does not have: inject @SidecarClient(\"greeter\") Channel here once it is merged.");
	}

}

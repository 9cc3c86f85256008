package io.github.microservicestarter.bench.client;

import io.grpc.Channel;

import io.github.microservicestarter.client.SidecarClient;

import org.springframework.stereotype.Component;

/**
 * The sidecar client's channel to the app id "greeter", which bench/run points in direct mode at
 * the greeter server ({@code microservice.clients.greeter.address=static://127.0.0.1:<port>}).
 * Created in both of comparison 3's runs, so the raw stub's JVM carries the same context.
 */
@Component
class SidecarGreeterChannel {

	private final Channel channel;

	SidecarGreeterChannel(@SidecarClient("greeter") Channel channel) {
		this.channel = channel;
	}

	Channel channel() {
		return this.channel;
	}

}

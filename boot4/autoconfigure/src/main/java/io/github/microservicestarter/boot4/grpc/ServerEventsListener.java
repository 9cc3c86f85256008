package io.github.microservicestarter.boot4.grpc;

import io.github.microservicestarter.server.AppServerEvents;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.grpc.server.lifecycle.GrpcServerTerminatedEvent;

/**
 * Hands Spring gRPC's server started and terminated events to the core's {@link AppServerEvents}.
 *
 * @param events what the starter does on the server's events
 */
public record ServerEventsListener(AppServerEvents events) implements SmartApplicationListener {

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return GrpcServerStartedEvent.class.isAssignableFrom(eventType)
				|| GrpcServerTerminatedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof GrpcServerStartedEvent started) {
			this.events.started(started.getPort());
		}
		else if (event instanceof GrpcServerTerminatedEvent terminated) {
			this.events.terminated(terminated.getServer());
		}
	}

}

package io.github.microservicestarter.boot3.netdevh;

import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import net.devh.boot.grpc.server.event.GrpcServerTerminatedEvent;

import io.github.microservicestarter.server.AppServerEvents;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Hands net.devh's server started and terminated events to the core's {@link AppServerEvents}.
 */
public class ServerEventsListener implements SmartApplicationListener {

	private final AppServerEvents events;

	/**
	 * Creates the listener.
	 * @param events what the starter does on the server's events
	 */
	public ServerEventsListener(AppServerEvents events) {
		this.events = events;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return GrpcServerStartedEvent.class.isAssignableFrom(eventType)
				|| GrpcServerTerminatedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof GrpcServerStartedEvent started) {
			this.events.started(started.getServer().getPort());
		}
		else if (event instanceof GrpcServerTerminatedEvent terminated) {
			this.events.terminated(terminated.getServer());
		}
	}

}

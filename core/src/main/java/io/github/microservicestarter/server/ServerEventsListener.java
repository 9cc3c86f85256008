package io.github.microservicestarter.server;

import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.grpc.Server;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Hands the server library's started, shutdown and terminated events to {@link AppServerEvents}.
 * Each Spring Boot line's autoconfigure module makes one for its library's event types.
 *
 * @param <S> the library's server started event
 * @param <D> the library's event of a server that begins to shut down
 * @param <T> the library's server terminated event
 */
public class ServerEventsListener<S extends ApplicationEvent, D extends ApplicationEvent, T extends ApplicationEvent>
		implements SmartApplicationListener {

	private final AppServerEvents events;

	private final Class<S> started;

	private final ToIntFunction<S> port;

	private final Class<D> shutdown;

	private final Class<T> terminated;

	private final Function<T, Server> server;

	/**
	 * Creates the listener.
	 * @param events what the starter does on the server's events
	 * @param started the library's server started event
	 * @param port the port a started event says the server listens on
	 * @param shutdown the library's event of a server that begins to shut down
	 * @param terminated the library's server terminated event
	 * @param server the server a terminated event is about
	 */
	public ServerEventsListener(AppServerEvents events, Class<S> started, ToIntFunction<S> port, Class<D> shutdown,
			Class<T> terminated, Function<T, Server> server) {
		this.events = events;
		this.started = started;
		this.port = port;
		this.shutdown = shutdown;
		this.terminated = terminated;
		this.server = server;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return this.started.isAssignableFrom(eventType) || this.shutdown.isAssignableFrom(eventType)
				|| this.terminated.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (this.started.isInstance(event)) {
			this.events.started(this.port.applyAsInt(this.started.cast(event)));
		}
		else if (this.shutdown.isInstance(event)) {
			this.events.shuttingDown();
		}
		else if (this.terminated.isInstance(event)) {
			this.events.terminated(this.server.apply(this.terminated.cast(event)));
		}
	}

}

package io.github.microservicestarter.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * What the starter does when the gRPC server has started, when it begins to stop and when it has
 * stopped, whichever library runs it: each Spring Boot line's autoconfigure module calls this from
 * its server's events.
 * <p>
 * A stopping server waits {@code microservice.server.shutdown-grace-period} for its calls; those
 * still running then are ended here with UNAVAILABLE ({@link CallsInFlight}). The server library is
 * given {@link #DRAIN_MARGIN} more ({@link #libraryGracePeriod}), so that it does not cut them
 * first, which its clients would see as CANCELLED.
 */
public class AppServerEvents {

	private static final Log logger = LogFactory.getLog(AppServerEvents.class);

	private static final String PROPERTY_SOURCE_NAME = "microservice.app-ports";

	/** Closing sockets and cancelling calls takes milliseconds: this only bounds a stuck transport. */
	private static final long TERMINATION_TIMEOUT_SECONDS = 5;

	/** The time the server library waits beyond the grace period, while the calls ended here close. */
	public static final Duration DRAIN_MARGIN = Duration.ofSeconds(1);

	private final AppServerSettings settings;

	private final ConfigurableEnvironment environment;

	private final Duration gracePeriod;

	private final CallsInFlight calls;

	/**
	 * Creates the handler.
	 * @param settings the server's settings, for the log line
	 * @param environment where the port is published
	 * @param gracePeriod how long a stopping server waits for its calls; negative for as long as
	 * they take
	 * @param calls the calls the server runs, ended when the grace period is over
	 */
	public AppServerEvents(AppServerSettings settings, ConfigurableEnvironment environment, Duration gracePeriod,
			CallsInFlight calls) {
		this.settings = settings;
		this.environment = environment;
		this.gracePeriod = gracePeriod;
		this.calls = calls;
	}

	/**
	 * The grace period to give the server library: the app's, and the time to end the calls that
	 * outlast it.
	 * @param gracePeriod the app's grace period; negative for as long as calls take
	 * @return the library's
	 */
	public static Duration libraryGracePeriod(Duration gracePeriod) {
		return gracePeriod.isNegative() ? gracePeriod : gracePeriod.plus(DRAIN_MARGIN);
	}

	/**
	 * The server listens: logs where, and publishes the port as {@link LocalAppPort#PROPERTY} (the
	 * way Spring Boot publishes {@code local.server.port}), so that port 0 can be found.
	 * @param port the port it listens on; a negative one (an in-process server) is ignored, so that
	 * it does not hide the network server's
	 */
	public void started(int port) {
		if (port < 0) {
			return;
		}
		logger.info("App '%s' serves %s on port %d (from %s)".formatted(this.settings.appId(),
				this.settings.protocol().value(), port, this.settings.portSource()));
		MutablePropertySources sources = this.environment.getPropertySources();
		sources.remove(PROPERTY_SOURCE_NAME);
		sources.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(LocalAppPort.PROPERTY, port)));
	}

	/**
	 * The server stops taking calls: the calls still running when the grace period is over are
	 * ended then with UNAVAILABLE.
	 */
	public void shuttingDown() {
		if (this.gracePeriod.isNegative()) {
			return;
		}
		CompletableFuture.delayedExecutor(this.gracePeriod.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
			int ended = this.calls.endAll();
			if (ended > 0) {
				logger.info("Ended %d calls still running after the shutdown grace period (%s) with UNAVAILABLE"
					.formatted(ended, this.gracePeriod));
			}
		});
	}

	/**
	 * The server was stopped, forcibly after the grace period: waits, briefly, for it to let go of
	 * its calls. gRPC tells the calls it cancels on the server's executor; without this wait the
	 * context shuts that executor down first, and handlers never learn that their call is
	 * cancelled.
	 * @param server the stopped server
	 */
	public void terminated(Server server) {
		try {
			server.awaitTermination(TERMINATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

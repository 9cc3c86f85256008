package io.github.microservicestarter.health;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.grpc.ServiceDescriptor;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.microservicestarter.server.ServedServices;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Makes the gRPC health service ({@code grpc.health.v1}) say what the app's probes say: the
 * server ({@code ""}) and each service are SERVING while the app is ready and NOT_SERVING
 * otherwise, and the service {@value #LIVENESS} follows the liveness state. Readiness changes
 * apply at once, the readiness health group is polled, and a closing context turns everything
 * NOT_SERVING before the server starts to drain.
 */
public class GrpcHealthFollowsAvailability implements SmartApplicationListener, SmartLifecycle, ApplicationContextAware {

	/** The health service name that answers the liveness probe. */
	static final String LIVENESS = "liveness";

	private static final Log logger = LogFactory.getLog(GrpcHealthFollowsAvailability.class);

	private final HealthStatusManager health;

	private final ServedServices services;

	private final ApplicationAvailability availability;

	private final AppReadiness readiness;

	private final Duration pollInterval;

	private ApplicationContext context;

	private ScheduledExecutorService poller;

	private volatile boolean running;

	private volatile ReadinessState readinessState;

	private volatile LivenessState livenessState;

	/**
	 * Creates the bridge.
	 * @param health the statuses the health service answers with
	 * @param services the services the server serves
	 * @param availability the app's liveness and readiness states
	 * @param readiness how ready the app is
	 * @param pollInterval how often to evaluate the readiness, or null to follow the readiness
	 * state's changes alone
	 */
	public GrpcHealthFollowsAvailability(HealthStatusManager health, ServedServices services,
			ApplicationAvailability availability, AppReadiness readiness, Duration pollInterval) {
		this.health = health;
		this.services = services;
		this.availability = availability;
		this.readiness = readiness;
		this.pollInterval = pollInterval;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return AvailabilityChangeEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ContextClosedEvent closed) {
			// Published before any lifecycle stops: load balancers and probes see NOT_SERVING
			// while the server still finishes its calls.
			if (closed.getApplicationContext() == this.context) {
				this.health.enterTerminalState();
			}
			return;
		}
		// Taken from the event: the app's availability bean may hear of it only after this.
		Object state = ((AvailabilityChangeEvent<?>) event).getState();
		if (state instanceof ReadinessState readiness) {
			this.readinessState = readiness;
		}
		else if (state instanceof LivenessState liveness) {
			this.livenessState = liveness;
		}
		update();
	}

	@Override
	public void start() {
		this.readinessState = this.availability.getReadinessState();
		this.livenessState = this.availability.getLivenessState();
		update();
		if (this.pollInterval != null) {
			CustomizableThreadFactory threads = new CustomizableThreadFactory("grpc-health-");
			threads.setDaemon(true);
			this.poller = Executors.newSingleThreadScheduledExecutor(threads);
			long millis = this.pollInterval.toMillis();
			this.poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		if (this.poller != null) {
			this.poller.shutdownNow();
			this.poller = null;
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Sets every status from the app's readiness and liveness now. */
	synchronized void update() {
		ServingStatus ready = status(this.readiness.isReady(this.readinessState));
		this.health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ready);
		for (ServiceDescriptor service : this.services.services()) {
			this.health.setStatus(service.getName(), ready);
		}
		this.health.setStatus(LIVENESS, status(this.livenessState == LivenessState.CORRECT));
	}

	private void poll() {
		try {
			update();
		}
		catch (RuntimeException ex) {
			// Keep polling: the next evaluation may succeed, and the last statuses stay meanwhile.
			logger.warn("Could not evaluate the app's readiness for the gRPC health service", ex);
		}
	}

	private static ServingStatus status(boolean up) {
		return up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
	}

}

package io.github.microservicestarter.client;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Keeps a target that comes back from waiting on grpc-java's reconnect backoff, which grows to two
 * minutes (a restarted app went uncalled for up to 9 s): every connection not idle is told to try
 * again at least every {@code microservice.client.max-reconnect-backoff}, and a call made while
 * its connection is failing makes it try at once.
 */
final class ReconnectBackoff {

	/** The least time between two tries that calls prompt. */
	static final long MIN_TRY_INTERVAL_MILLIS = 100;

	private final Duration maxBackoff;

	private final Supplier<Collection<ManagedChannel>> channels;

	private ScheduledExecutorService scheduler;

	private ScheduledFuture<?> task;

	/**
	 * Creates the backoff's bound.
	 * @param maxBackoff the longest wait between tries
	 * @param channels the connections, asked on each round
	 */
	ReconnectBackoff(Duration maxBackoff, Supplier<Collection<ManagedChannel>> channels) {
		this.maxBackoff = maxBackoff;
		this.channels = channels;
	}

	/** Starts the rounds. */
	synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("sidecar-client-reconnect-");
		threads.setDaemon(true);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
		long period = Math.max(1, this.maxBackoff.toMillis());
		this.task = this.scheduler.scheduleWithFixedDelay(this::round, period, period, TimeUnit.MILLISECONDS);
	}

	/** Stops the rounds. */
	synchronized void stop() {
		if (this.scheduler != null) {
			this.task.cancel(false);
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	private void round() {
		for (ManagedChannel channel : this.channels.get()) {
			ConnectivityState state = channel.getState(false);
			if (state != ConnectivityState.IDLE && state != ConnectivityState.SHUTDOWN) {
				channel.resetConnectBackoff();
			}
		}
	}

	/**
	 * An interceptor that makes a failing connection try again as a call starts, unless a call
	 * made it try within the last {@value #MIN_TRY_INTERVAL_MILLIS} ms: calls that fail fast must
	 * not turn into a storm of connection attempts.
	 * @param channel the connection
	 * @return the interceptor
	 */
	static ClientInterceptor onCall(ManagedChannel channel) {
		AtomicLong lastTry = new AtomicLong(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(MIN_TRY_INTERVAL_MILLIS));
		return new ClientInterceptor() {

			@Override
			public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions callOptions,
					Channel next) {
				if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
					long now = System.nanoTime();
					long last = lastTry.get();
					if (now - last >= TimeUnit.MILLISECONDS.toNanos(MIN_TRY_INTERVAL_MILLIS)
							&& lastTry.compareAndSet(last, now)) {
						channel.resetConnectBackoff();
					}
				}
				return next.newCall(method, callOptions);
			}

		};
	}

}

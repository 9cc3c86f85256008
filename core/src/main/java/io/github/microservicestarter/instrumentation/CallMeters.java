package io.github.microservicestarter.instrumentation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one side's calls ({@code grpc.server} or {@code grpc.client}), registered once per
 * method (and target app), status code and exception, then reused: building and sorting a tag
 * list and looking the meter up on every call was most of what metrics cost per call in the
 * benchmark's profile. The names and tags are those Micrometer's gRPC observation convention
 * gives, and the README documents.
 */
final class CallMeters {

	static final String SERVICE_TAG = "rpc.service";

	static final String METHOD_TAG = "rpc.method";

	static final String TYPE_TAG = "rpc.type";

	static final String STATUS_CODE_TAG = "grpc.status_code";

	static final String ERROR_TAG = "error";

	private static final String NO_ERROR = "none";

	private static final Status.Code[] CODES = Status.Code.values();

	private final MeterRegistry registry;

	private final String name;

	/** By target app id (empty for the server's calls), then by full method name. */
	private final Map<String, Map<String, MethodMeters>> meters = new ConcurrentHashMap<>();

	/**
	 * Creates the meters of one side.
	 * @param registry where the meters go
	 * @param name {@code grpc.server} or {@code grpc.client}
	 */
	CallMeters(MeterRegistry registry, String name) {
		this.registry = registry;
		this.name = name;
	}

	/**
	 * The meters of a method.
	 * @param method the method
	 * @param targetTag the target app id tag of a client's calls, or null for no such tag
	 * @return its meters
	 */
	MethodMeters of(MethodDescriptor<?, ?> method, String targetTag) {
		String target = (targetTag != null) ? targetTag : "";
		Map<String, MethodMeters> ofTarget = this.meters.get(target);
		if (ofTarget == null) {
			ofTarget = this.meters.computeIfAbsent(target, (key) -> new ConcurrentHashMap<>());
		}
		MethodMeters found = ofTarget.get(method.getFullMethodName());
		if (found == null) {
			found = ofTarget.computeIfAbsent(method.getFullMethodName(), (name) -> new MethodMeters(tags(method, targetTag)));
		}
		return found;
	}

	private static Tags tags(MethodDescriptor<?, ?> method, String targetTag) {
		Tags tags = Tags.of(SERVICE_TAG, String.valueOf(method.getServiceName()), METHOD_TAG,
				String.valueOf(method.getBareMethodName()), TYPE_TAG, method.getType().name());
		return (targetTag != null) ? tags.and(GrpcClientInstrumentation.TARGET_APP_ID_TAG, targetTag) : tags;
	}

	/**
	 * The meters of one method: calls in flight, messages, cancellations and, per status code, the
	 * call timer.
	 */
	final class MethodMeters {

		private final Tags tags;

		/** Calls in flight: a gauge, since a long task timer's start and stop cost a skip list insert and removal per call. */
		private final AtomicInteger active = new AtomicInteger();

		private final Counter received;

		private final Counter sent;

		/** The call timers of calls that ended without an exception, by status code. */
		private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(CODES.length);

		/**
		 * The call timers of calls that ended with an exception, by status code, then by its class:
		 * a failing dependency fails many calls at once, each of which would otherwise look its
		 * timer up.
		 */
		private final AtomicReferenceArray<Map<Class<?>, Timer>> errorTimers = new AtomicReferenceArray<>(
				CODES.length);

		/** Registered at the first cancellation, so that a method never cancelled has no such series. */
		private volatile Counter cancelled;

		private MethodMeters(Tags tags) {
			this.tags = tags;
			MeterRegistry registry = CallMeters.this.registry;
			String name = CallMeters.this.name;
			Gauge.builder(name + ".active", this.active, AtomicInteger::get)
				.tags(tags)
				.description("Calls in flight")
				.strongReference(true)
				.register(registry);
			this.received = Counter.builder(name + ".received").tags(tags).register(registry);
			this.sent = Counter.builder(name + ".sent").tags(tags).register(registry);
		}

		/** Counts a call in flight until it {@linkplain #ended ends}. */
		void started() {
			this.active.incrementAndGet();
		}

		void received() {
			this.received.increment();
		}

		void sent() {
			this.sent.increment();
		}

		/** Counts a call its client cancelled. */
		void cancelled() {
			Counter counter = this.cancelled;
			if (counter == null) {
				// Registering again in a race gives the same counter.
				counter = Counter.builder(CallMeters.this.name + ".cancelled")
					.tags(this.tags)
					.register(CallMeters.this.registry);
				this.cancelled = counter;
			}
			counter.increment();
		}

		/**
		 * Times an ended call, then counts it out of the calls in flight.
		 * @param code its status code
		 * @param error the exception it ended with, or null
		 * @param nanos how long it took
		 */
		void ended(Status.Code code, Throwable error, long nanos) {
			try {
				timer(code, error).record(nanos, TimeUnit.NANOSECONDS);
			}
			finally {
				this.active.decrementAndGet();
			}
		}

		private Timer timer(Status.Code code, Throwable error) {
			if (error != null) {
				return errorTimer(code, error.getClass());
			}
			Timer timer = this.timers.get(code.ordinal());
			if (timer == null) {
				timer = register(code, NO_ERROR);
				this.timers.set(code.ordinal(), timer);
			}
			return timer;
		}

		private Timer errorTimer(Status.Code code, Class<?> error) {
			Map<Class<?>, Timer> byError = this.errorTimers.get(code.ordinal());
			if (byError == null) {
				this.errorTimers.compareAndSet(code.ordinal(), null, new ConcurrentHashMap<>());
				byError = this.errorTimers.get(code.ordinal());
			}
			Timer timer = byError.get(error);
			if (timer == null) {
				timer = byError.computeIfAbsent(error, (type) -> register(code, type.getSimpleName()));
			}
			return timer;
		}

		private Timer register(Status.Code code, String error) {
			return Timer.builder(CallMeters.this.name)
				.tags(this.tags)
				.tag(STATUS_CODE_TAG, code.name())
				.tag(ERROR_TAG, error)
				.register(CallMeters.this.registry);
		}

	}

}

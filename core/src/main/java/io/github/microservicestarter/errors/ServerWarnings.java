package io.github.microservicestarter.errors;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The server's warnings, counted and logged at most once per interval and source, so that a flood
 * of bad requests or broken streams makes a few lines instead of one per event. Each line says how
 * many more of its kind there were since the last; with DEBUG on for this class, every one is
 * logged.
 */
public class ServerWarnings {

	/** How often a warning of one source is logged at the most. */
	public static final Duration INTERVAL = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(ServerWarnings.class);

	private final Map<Source, Window> windows = new EnumMap<>(Source.class);

	/** Creates the warnings, none counted. */
	public ServerWarnings() {
		for (Source source : Source.values()) {
			this.windows.put(source, new Window());
		}
	}

	/**
	 * Counts a warning, and tells whether to log it now.
	 * @param source where it comes from
	 * @return how many were held back since the last one logged, or -1 to hold this one back
	 */
	public long count(Source source) {
		return this.windows.get(source).count();
	}

	/**
	 * Counts a warning and logs it unless one of its source was logged within the interval.
	 * @param source where it comes from
	 * @param message what happened; never the request's content
	 * @param failure the cause; its stack trace is logged for failures of calls, not of the transport
	 */
	public void warn(Source source, String message, Throwable failure) {
		long heldBack = count(source);
		if (heldBack >= 0) {
			String line = message + heldBack(heldBack);
			if (source == Source.CALL) {
				logger.warn(line, failure);
			}
			else {
				logger.warn(line + ": " + failure);
			}
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message, failure);
		}
	}

	/**
	 * The warnings of a source so far, logged or not.
	 * @param source the source
	 * @return their number
	 */
	public long total(Source source) {
		return this.windows.get(source).total.sum();
	}

	/**
	 * The words that say how many warnings were held back.
	 * @param heldBack their number
	 * @return the words, empty for none
	 */
	static String heldBack(long heldBack) {
		return (heldBack > 0) ? " (%d more like it in the last %d s, not logged; grpc.server.warnings counts them)"
			.formatted(heldBack, INTERVAL.toSeconds()) : "";
	}

	/**
	 * Where a warning comes from.
	 */
	public enum Source {

		/** A service method failed with an exception that no advice maps. */
		CALL,

		/** The transport met a broken stream or connection, or a request it could not read. */
		TRANSPORT;

		/**
		 * The source's name as a meter tag.
		 * @return the name
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private static final class Window {

		private final LongAdder total = new LongAdder();

		private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());

		private final AtomicLong heldBack = new AtomicLong();

		long count() {
			this.total.increment();
			long now = System.nanoTime();
			long next = this.nextLogAt.get();
			if (now - next >= 0 && this.nextLogAt.compareAndSet(next, now + INTERVAL.toNanos())) {
				return this.heldBack.getAndSet(0);
			}
			this.heldBack.incrementAndGet();
			return -1;
		}

	}

}

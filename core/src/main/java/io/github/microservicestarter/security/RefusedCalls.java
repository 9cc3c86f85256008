package io.github.microservicestarter.security;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.microservicestarter.server.DaprMetadata;

/**
 * Counts the calls the app refuses for want of the app API token or of a caller's permission
 * ({@code grpc.server.refused}, by reason and service) and logs them, once per caller per
 * interval: a flood of refused calls neither floods the log nor goes unseen.
 */
public class RefusedCalls {

	/** The counter's name. */
	public static final String METER = "grpc.server.refused";

	private static final Log logger = LogFactory.getLog(RefusedCalls.class);

	/** The most callers remembered; past that the memory starts again, at the cost of a few lines. */
	private static final int MAX_CALLERS = 1000;

	/** The longest value of the caller's choosing that a log line repeats. */
	private static final int MAX_LOGGED_LENGTH = 100;

	private final MeterRegistry registry;

	private final long intervalNanos;

	private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

	/**
	 * Creates the record.
	 * @param registry where to count, or null without metrics
	 * @param interval how long after logging a caller's refusal its next ones go unlogged
	 */
	public RefusedCalls(MeterRegistry registry, Duration interval) {
		this.registry = registry;
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * Records a refusal.
	 * @param call the refused call
	 * @param headers its metadata
	 * @param reason why: {@code token} or {@code caller}
	 * @param description what the caller is told
	 */
	public void refused(ServerCall<?, ?> call, Metadata headers, String reason, String description) {
		// A method the app does not serve is named by the caller: it gets no meter of its own.
		boolean known = call.getMethodDescriptor().getType() != MethodDescriptor.MethodType.UNKNOWN;
		if (this.registry != null) {
			Counter.builder(METER)
				.tag("reason", reason)
				.tag("rpc.service", known ? String.valueOf(call.getMethodDescriptor().getServiceName()) : "unknown")
				.register(this.registry)
				.increment();
		}
		Object peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
		String host = (peer instanceof InetSocketAddress address) ? address.getHostString() : String.valueOf(peer);
		long now = System.nanoTime();
		Long last = this.lastLogged.get(host);
		if (last != null && now - last < this.intervalNanos) {
			return;
		}
		if (this.lastLogged.size() >= MAX_CALLERS) {
			this.lastLogged.clear();
		}
		this.lastLogged.put(host, now);
		String claimed = headers.get(DaprMetadata.CALLER_APP_ID);
		logger.warn("Refused %s from %s%s (%s): %s. Further refusals from %s in the next %d s are counted in %s, not logged"
			.formatted(printable(call.getMethodDescriptor().getFullMethodName()), host,
					(claimed != null) ? " as app '" + printable(claimed) + "'" : "", reason, description, host,
					Duration.ofNanos(this.intervalNanos).toSeconds(), METER));
	}

	/** A value the caller chose, as the log shows it: bounded, without control characters. */
	static String printable(String value) {
		String bounded = (value.length() > MAX_LOGGED_LENGTH) ? value.substring(0, MAX_LOGGED_LENGTH) + "..." : value;
		return bounded.replaceAll("\\p{Cntrl}", "?");
	}

}

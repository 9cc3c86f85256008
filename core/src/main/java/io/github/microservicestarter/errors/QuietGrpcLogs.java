package io.github.microservicestarter.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import io.github.microservicestarter.errors.ServerWarnings.Source;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Keeps grpc-java's server-side transport logs to a few lines under any load: its warnings about
 * broken streams and connections, requests it cannot read and failed handshakes, each with a stack
 * trace, would otherwise make a line per event (a flood of 15 s wrote a gigabyte). They become
 * {@link ServerWarnings} of the transport: counted, logged without the stack trace, once per
 * interval. grpc-java logs through {@code java.util.logging}, so this filters its loggers there,
 * whichever logging system the app routes them to; the filters come off when the app stops.
 */
public class QuietGrpcLogs implements InitializingBean, DisposableBean {

	/** The server-side loggers of grpc-java and its shaded Netty transport that log per call or connection. */
	static final List<String> LOGGERS = List.of("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler",
			"io.grpc.netty.shaded.io.grpc.netty.NettyServerStream",
			"io.grpc.netty.shaded.io.grpc.netty.NettyServerTransport",
			"io.grpc.netty.shaded.io.grpc.netty.ProtocolNegotiators", "io.grpc.internal.ServerImpl",
			"io.grpc.internal.ServerCallImpl", "io.grpc.internal.SerializingExecutor",
			"io.grpc.internal.SerializeReentrantCallsDirectExecutor");

	private final ServerWarnings warnings;

	/** The loggers filtered, held so that java.util.logging does not drop them with their filters. */
	private final List<Filtered> filtered = new ArrayList<>();

	/**
	 * Creates the filters.
	 * @param warnings where the transport's warnings are counted
	 */
	public QuietGrpcLogs(ServerWarnings warnings) {
		this.warnings = warnings;
	}

	@Override
	public void afterPropertiesSet() {
		for (String name : LOGGERS) {
			Logger logger = Logger.getLogger(name);
			Filter previous = logger.getFilter();
			logger.setFilter(new RateLimiting(previous));
			this.filtered.add(new Filtered(logger, previous));
		}
	}

	@Override
	public void destroy() {
		for (Filtered logger : this.filtered) {
			logger.logger().setFilter(logger.previous());
		}
		this.filtered.clear();
	}

	private record Filtered(Logger logger, Filter previous) {
	}

	/** Lets a record through once per interval, as one line without its stack trace. */
	private final class RateLimiting implements Filter {

		private final Filter previous;

		RateLimiting(Filter previous) {
			this.previous = previous;
		}

		@Override
		public boolean isLoggable(LogRecord record) {
			if (this.previous != null && !this.previous.isLoggable(record)) {
				return false;
			}
			if (record.getLevel().intValue() < Level.INFO.intValue()) {
				return true;
			}
			long heldBack = QuietGrpcLogs.this.warnings.count(Source.TRANSPORT);
			if (heldBack < 0) {
				return false;
			}
			String message = new SimpleFormatter().formatMessage(record);
			Throwable thrown = record.getThrown();
			record.setMessage(((thrown != null) ? message + ": " + thrown : message) + ServerWarnings.heldBack(heldBack));
			record.setParameters(null);
			record.setThrown(null);
			return true;
		}

	}

}

package io.github.microservicestarter.errors;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records that java.util.logging loggers publish, as their handlers get them: after their
 * filters, whatever the app routes them to.
 */
final class JulRecords extends Handler implements AutoCloseable {

	private final List<Logger> loggers;

	private final List<LogRecord> records = new CopyOnWriteArrayList<>();

	private JulRecords(List<Logger> loggers) {
		this.loggers = loggers;
		setLevel(Level.ALL);
		loggers.forEach((logger) -> logger.addHandler(this));
	}

	/**
	 * Starts recording what the named loggers publish.
	 * @param names the loggers' names
	 * @return the recorder, to close when done
	 */
	static JulRecords of(List<String> names) {
		return new JulRecords(names.stream().map(Logger::getLogger).toList());
	}

	/** The records published at INFO or above, in order. */
	List<LogRecord> published() {
		return this.records.stream().filter((record) -> record.getLevel().intValue() >= Level.INFO.intValue()).toList();
	}

	@Override
	public void publish(LogRecord record) {
		this.records.add(record);
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
		this.loggers.forEach((logger) -> logger.removeHandler(this));
	}

}

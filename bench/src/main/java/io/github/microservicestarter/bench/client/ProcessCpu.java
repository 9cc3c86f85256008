package io.github.microservicestarter.bench.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Another process's CPU time (user and system, every thread) from Linux's
 * {@code /proc/<pid>/stat}, as bench/run reads the servers' under h2load: the load client reads
 * the server's over its own measured window, so both sides of comparison 3 have a CPU time per call.
 */
final class ProcessCpu {

	/** Linux's USER_HZ, the unit of utime and stime: 100 on every architecture Java runs on here. */
	private static final long TICKS_PER_SECOND = 100;

	private final Path stat;

	ProcessCpu(long pid) {
		this.stat = Path.of("/proc", Long.toString(pid), "stat");
	}

	long nanos() {
		try {
			String line = Files.readString(this.stat);
			// The command name, in brackets, may hold spaces: the fields are counted after it. utime
			// and stime are the 14th and 15th fields, the 12th and 13th after the name.
			String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return TimeUnit.SECONDS.toNanos(ticks) / TICKS_PER_SECOND;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

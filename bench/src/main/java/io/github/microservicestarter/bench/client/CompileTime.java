package io.github.microservicestarter.bench.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * How long a JVM's JIT compilers have worked so far, in milliseconds: this JVM's from its
 * compilation bean, another's from {@code jstat -compiler}, as bench/run reads the servers'. On a
 * JVM pinned to one CPU the compilers take that CPU from the calls, so a run measures only once
 * the compilers have gone quiet ({@link UnaryLoad}).
 */
final class CompileTime {

	private final long pid;

	private CompileTime(long pid) {
		this.pid = pid;
	}

	static CompileTime ofThisJvm() {
		return new CompileTime(0);
	}

	static CompileTime ofProcess(long pid) {
		return new CompileTime(pid);
	}

	long millis() {
		return (this.pid == 0) ? ManagementFactory.getCompilationMXBean().getTotalCompilationTime() : jstat();
	}

	/** jstat -compiler prints a header, then "Compiled Failed Invalid Time ...", Time in seconds. */
	private long jstat() {
		try {
			Process jstat = new ProcessBuilder("jstat", "-compiler", Long.toString(this.pid)).redirectErrorStream(true)
				.start();
			String output = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!jstat.waitFor(30, TimeUnit.SECONDS) || jstat.exitValue() != 0) {
				throw new IllegalStateException("jstat -compiler " + this.pid + " failed: " + output);
			}
			String[] fields = output.lines().skip(1).findFirst().orElseThrow().trim().split("\\s+");
			return Math.round(Double.parseDouble(fields[3]) * 1000);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

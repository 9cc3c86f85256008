package io.github.microservicestarter.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The latency percentiles of an h2load {@code --log-file} (one line per request: start time in
 * microseconds since the epoch, HTTP status, microseconds until the end of the response). h2load
 * logs only the requests of the measured period, not those of its {@code --warm-up-time}.
 * Prints {@code logged=N p50_us=.. p90_us=.. p99_us=..}. Usage: {@code H2loadLatencies <log-file>}.
 */
public final class H2loadLatencies {

	private H2loadLatencies() {
	}

	public static void main(String[] args) throws IOException {
		long[] latencies;
		try (Stream<String> lines = Files.lines(Path.of(args[0]))) {
			latencies = lines.mapToLong((line) -> Long.parseLong(line.split("\t")[2]))
				.sorted()
				.toArray();
		}
		if (latencies.length == 0) {
			throw new IllegalStateException(args[0] + " logs no request");
		}
		System.out.printf("logged=%d p50_us=%d p90_us=%d p99_us=%d%n", latencies.length, percentile(latencies, 50),
				percentile(latencies, 90), percentile(latencies, 99));
	}

	/** The nearest-rank percentile of sorted values. */
	static long percentile(long[] sorted, double percentile) {
		int rank = (int) Math.ceil(percentile / 100 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

}

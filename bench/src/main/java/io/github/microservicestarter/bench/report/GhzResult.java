package io.github.microservicestarter.bench.report;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The figures of a ghz run from its JSON report ({@code --format json}): requests made, those that
 * ended OK, requests per second and the latency percentiles and maximum ghz computed over the
 * requests that ended OK (without {@code --count-errors}, ghz leaves the others out of them).
 * Prints {@code count=N ok=N rps=.. p50_us=.. p90_us=.. p99_us=.. max_us=..}; fails when no request
 * ended OK. Usage: {@code GhzResult <report.json>}.
 */
public final class GhzResult {

	private GhzResult() {
	}

	public static void main(String[] args) throws IOException {
		JsonNode report = new ObjectMapper().readTree(Path.of(args[0]).toFile());
		long count = report.path("count").asLong();
		long ok = report.path("statusCodeDistribution").path("OK").asLong();
		System.out.printf("count=%d ok=%d rps=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d%n", count, ok,
				report.path("rps").asDouble(), percentile(report, 50), percentile(report, 90), percentile(report, 99),
				report.path("slowest").asLong() / 1000);
	}

	/** A percentile of ghz's latency distribution, which it gives in nanoseconds, in microseconds. */
	private static long percentile(JsonNode report, int percentage) {
		for (JsonNode entry : report.path("latencyDistribution")) {
			if (entry.path("percentage").asInt() == percentage) {
				return entry.path("latency").asLong() / 1000;
			}
		}
		throw new IllegalStateException("ghz's report has no p" + percentage + " latency");
	}

}

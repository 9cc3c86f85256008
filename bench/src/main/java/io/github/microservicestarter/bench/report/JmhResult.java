package io.github.microservicestarter.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The figures of the chain benchmark's JMH run from its JSON report ({@code -rf json}, with
 * {@code -prof gc}): per benchmark and case, the time per call and the bytes allocated per call
 * ({@code gc.alloc.rate.norm}). Prints a line {@code jmh benchmark=server case=untraced
 * ns_per_op=.. bytes_per_op=..} per result; fails when a result has no allocation figure (the run
 * lacked {@code -prof gc}). Usage: {@code JmhResult <report.json>}.
 */
public final class JmhResult {

	private JmhResult() {
	}

	public static void main(String[] args) throws IOException {
		JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
		if (!results.isArray() || results.isEmpty()) {
			throw new IllegalStateException("JMH's report holds no result: " + args[0]);
		}
		for (JsonNode result : results) {
			String benchmark = result.path("benchmark").asText();
			JsonNode bytes = result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
			if (bytes.isMissingNode()) {
				throw new IllegalStateException(benchmark + " has no gc.alloc.rate.norm: run JMH with -prof gc");
			}
			System.out.printf("jmh benchmark=%s case=%s ns_per_op=%.1f bytes_per_op=%.1f%n",
					benchmark.substring(benchmark.lastIndexOf('.') + 1), onlyParameter(result),
					result.path("primaryMetric").path("score").asDouble(), bytes.asDouble());
		}
	}

	/** The value of the result's one parameter: the benchmark's case. */
	private static String onlyParameter(JsonNode result) {
		Iterator<JsonNode> values = result.path("params").elements();
		if (!values.hasNext()) {
			throw new IllegalStateException(result.path("benchmark").asText() + " has no parameter");
		}
		String value = values.next().asText();
		if (values.hasNext()) {
			throw new IllegalStateException(result.path("benchmark").asText() + " has more than one parameter");
		}
		return value;
	}

}

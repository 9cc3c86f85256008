package io.github.microservicestarter.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a run's {@code measurements.tsv} (comparison, pair, variant, metric, value) into
 * {@code results.md}: for each comparison, each variant's median and range over the pairs, the
 * median and range of the per-pair ratio (or difference), and the goals with pass or fail.
 * Usage: {@code ResultsReport <results-dir>}; the directory also holds bench/run's
 * {@code run.properties}, whose settings name the loads in the table.
 */
public final class ResultsReport {

	/** What bench/run appends to a variant's name when it runs on the Spring Boot 4.1 line. */
	private static final String BOOT4 = "-boot4";

	/** Comparison 6's minimal app on Spring Boot 4.1's own gRPC server starter and actuator. */
	private static final String SPRING_GRPC = "spring-grpc";

	private static final List<Comparison> COMPARISONS = List.of(
			new Comparison("unary", "1. Starter as shipped vs plain grpc-java: unary SayHello, h2load",
					List.of("starter", "starter" + BOOT4), "plain", serverMetrics("", 0.95)),
			new Comparison("observed",
					"2. Starter exporting its sampled spans (10 %) to a Zipkin sink vs plain grpc-java: unary SayHello, h2load",
					List.of("observed", "observed" + BOOT4), "plain", serverMetrics("", 0.90)),
			new Comparison("client",
					"3. Sidecar client in direct mode, as shipped (sidecar) and without the starter's call instrumentation (bare: no grpc.client meters or client spans), vs a raw stub, same server (the Boot 3.5 starter's greeter): unary SayHello, Java load client",
					List.of("sidecar", "bare", "sidecar" + BOOT4, "bare" + BOOT4), "raw", clientMetrics()),
			new Comparison("proxy",
					"4. Through the header-routing proxy (nginx) vs direct, starter server, fixed rate {fixed_rate}: h2load",
					List.of("proxy"), "direct",
					List.of(new Metric("p50_us", "p50 latency, µs", Kind.DIFFERENCE, Double.NaN),
							new Metric("p90_us", "p90 latency, µs", Kind.DIFFERENCE, Double.NaN),
							new Metric("p99_us", "p99 latency, µs", Kind.DIFFERENCE, Double.NaN))),
			new Comparison("streaming",
					"5. StreamUsers of {rows} users read slowly ({slow_rate} messages/s) vs read fast, demo-user-service",
					List.of("slow"), "fast",
					List.of(new Metric("rate", "messages/s", Kind.RATIO, Double.NaN),
							new Metric("peak_heap_mb", "server's peak heap after GC, MB", Kind.RATIO,
									Double.NaN))),
			new Comparison("startup", "6. Startup: process start to the first successful SayHello",
					List.of("summator", "summator-cds", "summator" + BOOT4, "summator" + BOOT4 + "-cds", SPRING_GRPC,
							SPRING_GRPC + "-cds"),
					"plain",
					List.of(new Metric("startup_ms", "start to first response, ms", Kind.A_AT_MOST, 1500))),
			new Comparison("dapr-fixed",
					"7a. Through two Dapr sidecars (the caller's daprd, then the server's) vs direct, starter server, at a fixed rate ({dapr_fixed_load}): unary SayHello with a 1 KB name",
					List.of("dapr"), "direct",
					List.of(new Metric("p50_us", "p50 latency, µs", Kind.DIFFERENCE, Double.NaN),
							new Metric("p90_us", "p90 latency, µs", Kind.DIFFERENCE, Double.NaN),
							new Metric("p99_us", "p99 latency, µs", Kind.DIFFERENCE, Double.NaN))),
			new Comparison("dapr-max",
					"7b. Through two Dapr sidecars vs direct, as fast as the load goes ({dapr_max_load}): unary SayHello with a 1 KB name",
					List.of("dapr"), "direct",
					List.of(new Metric("rps", "req/s", Kind.RATIO, Double.NaN),
							new Metric("p50_us", "p50 latency, µs", Kind.RATIO, Double.NaN),
							new Metric("p99_us", "p99 latency, µs", Kind.RATIO, Double.NaN))),
			new Comparison("overload",
					"8. Overload (issue 15): SayHello flooded with ten times the starter's call limit in flight ({overload_load}, against max-concurrent-calls 200), gRPC's health checked beside it ({health_probe_load}): the starter as shipped vs plain grpc-java with grpc-java's health service",
					List.of("starter"), "plain",
					List.of(new Metric("health.p50_us", "health check p50 latency, µs", Kind.RATIO, Double.NaN),
							new Metric("health.p90_us", "health check p90 latency, µs", Kind.RATIO, Double.NaN),
							new Metric("health.p99_us",
									"health check p99 latency, µs (issue 15: health p99 < 100 ms at 10x overload)",
									Kind.A_BELOW, 100_000),
							new Metric("health.max_us", "health check max latency, µs", Kind.RATIO, Double.NaN),
							new Metric("health.checks", "health checks made", Kind.SHOWN, Double.NaN),
							new Metric("health.errors", "health checks not OK (5 s deadline)", Kind.SHOWN, Double.NaN),
							new Metric("peak_rss_mb", "server's peak RSS during the flood, MB", Kind.RATIO, Double.NaN),
							new Metric("rss_hwm_mb", "server's peak RSS since launch (VmHWM), MB", Kind.RATIO,
									Double.NaN),
							new Metric("flood.rps", "flood's calls answered per s, OK or shed", Kind.RATIO, Double.NaN),
							new Metric("flood.p50_us", "flood's p50 latency, µs, OK or shed", Kind.RATIO, Double.NaN),
							new Metric("flood.p99_us", "flood's p99 latency, µs, OK or shed", Kind.RATIO, Double.NaN),
							new Metric("flood.ok", "flood's calls closed OK, warm-up included", Kind.SHOWN, Double.NaN),
							new Metric("flood.shed", "flood's calls closed RESOURCE_EXHAUSTED, warm-up included",
									Kind.SHOWN, Double.NaN),
							new Metric("flood.shed_pct", "flood's calls shed, %", Kind.SHOWN, Double.NaN),
							new Metric("server_cpu_us", "server's CPU µs per call answered, OK or shed", Kind.RATIO,
									Double.NaN))),
			new Comparison("chain-server",
					"9a. The server's interceptor chain alone (issue 18), Boot 3.5 starter, one unary call without transport, JMH ({chain_jmh}, one thread): each tracing case against the harness alone (baseline)",
					List.of("untraced", "tracing-disabled", "unsampled-parent", "unsampled-new", "sampled"), "baseline",
					chainMetrics(Set.of("unsampled-parent", "unsampled-new"))),
			new Comparison("chain-client",
					"9b. The sidecar client's interceptor chain alone (issue 18), Boot 3.5 starter, sidecar mode, one unary call to a transport that answers at once, JMH ({chain_jmh}, one thread): each tracing case against the harness alone (baseline)",
					List.of("untraced", "tracing-disabled", "unsampled", "sampled"), "baseline", chainMetrics(Set.of())));

	private static final String NOTES = """
			### How to read it

			- Ratios are per pair (A and B of the same pair, run one after the other), then summarised;
			  a goal passes when the median ratio meets it. Latency ratios above 1 mean A is slower.
			- Every h2load run was checked: no failed, errored or timed-out request, every response
			  HTTP 200, and the server's own count of calls closed with a non-OK grpc-status is 0 (h2load
			  alone counts an HTTP 200 carrying grpc-status 13 as a success); in comparison 8, 0 but for
			  RESOURCE_EXHAUSTED, the status the starter sheds calls with. The starter's count includes
			  the calls its admission control refused before any interceptor saw them.
			- Peak heap after GC: the largest heap occupancy right after a GC in the server's GC log
			  (-Xlog:gc) during the measured window. The reader asks the server for a full GC
			  (jcmd GC.run) as the window opens and again as it closes, with the stream still open, so
			  each run has at least those two points: it is the heap the server holds on to, not the
			  garbage it has not collected yet (a young GC's figure may still include old garbage).
			- The client's CPU per call (comparison 3): the load client's process CPU time (every
			  thread, user and system) over the measured window, divided by the calls answered.
			- The server's CPU per call (comparisons 1 to 3): the server process's CPU time (every
			  thread, user and system, from /proc/<pid>/stat) over the measured window, divided by the
			  calls answered in it. Under h2load the window is read from bench/run (the warm-up's
			  length after h2load starts, to h2load's end), by the load client in comparison 3. On one
			  pinned CPU it is what each call costs the server; it moves less than req/s.
			- Both lines: a variant ending in -boot4 is the same app on the Spring Boot 4.1 line
			  (microservice-spring-boot4-starter; bench/boot4 builds the same classes, boot4/demo-summator
			  the same demo), run in the same pairs against the same B (A on 3.5, A on 4.1, then B).
			  In comparison 3 every client calls the same server, the Boot 3.5 starter's greeter.
			- Comparison 7: ghz's own percentiles over every call of the measured run (a warm-up run
			  before it is not counted); every call ended OK, and the server's count agrees. Each daprd
			  shares a CPU: the server's with the server, the caller's with ghz, as a sidecar shares its
			  app's node.
			- Comparison 8: h2load floods SayHello with ten times the starter's call limit in flight
			  (20 connections of 100 calls, the most one connection may carry to the starter) through
			  its warm-up and measured window; ghz, on the load CPU with h2load, checks
			  grpc.health.v1.Health at a fixed rate on a connection of its own from the flood's start,
			  and its run over the measured window, which ends a second early so that every check
			  meets the flood, is the one counted. Health latencies are ghz's over the checks that
			  ended OK; the others are counted as not OK (ghz reads a check's gRPC status, not the
			  serving status in its answer). The starter sheds the calls beyond its limit with
			  RESOURCE_EXHAUSTED and answers health on the transport's thread; plain grpc-java queues
			  every call, health checks too, on its executor. Peak RSS is the largest VmRSS of
			  /proc/<pid>/status, read every 100 ms from the flood's start to its end; VmHWM is the
			  kernel's peak since the JVM's launch. h2load counts OK and shed calls alike (HTTP 200),
			  so its req/s, latency and the server's CPU per call are of both; the calls by status are
			  the server's own count over the whole flood, warm-up included. Only the Boot 3.5 line
			  runs it.
			- Startup has no warm-up: it is a cold start, the time from launching the JVM to the first
			  SayHello that succeeds (polled every 2 ms from the load CPU). summator is the runnable jar
			  as built; summator-cds is the same jar extracted and started with the class data sharing
			  archive scripts/cds-archive makes (Spring Boot's documented CDS), made before the runs
			  and not timed. summator-boot4 is demo-summator on the Boot 4.1 line; spring-grpc is what a
			  user would pick instead of the starter on Boot 4.1: a minimal app on Spring Boot's own
			  gRPC server starter and actuator (bench/spring-grpc: one Greeter, no web server), as built
			  and with its own CDS archive.
			- Comparison 9 runs once (JMH's figures, not pairs: the ranges are that one run), on one
			  thread pinned to CPU 0, without transport: bench/jmh's ChainBenchmark drives one whole
			  unary call through the chain a real Boot 3.5 app installs (the served method as the
			  binding binds it, behind the admission control's per-call steps; the sidecar client's
			  channel as SidecarChannels builds it, over a fake transport that answers at once). Each
			  case but the baseline starts an app, whose chain the benchmark's setup checks with one
			  call (its grpc.server or grpc.client timer counts it, its trace is the case's). A − B is
			  what the chain adds to the harness: time (indicative on a shared machine), bytes
			  allocated (JMH's -prof gc, gc.alloc.rate.norm) and objects allocated (ChainAllocations:
			  the heap's objects after many warm calls less before, on Epsilon, per call). untraced has
			  no tracer (OpenTelemetry's tracing auto-configuration excluded); tracing-disabled is
			  management.tracing.enabled=false, which in Spring Boot 3.5 turns propagation off but keeps
			  the tracer; the unsampled cases sample nothing, by the caller's traceparent (flags 00) or
			  at probability 0; sampled samples every call, and its spans reach no exporter.
			""";

	private ResultsReport() {
	}

	/**
	 * Comparison 9's: time, bytes and objects per call, each the case's less the baseline's; the
	 * issue's goal of at most 2 objects per call for the given cases.
	 */
	private static List<Metric> chainMetrics(Set<String> objectGoalCases) {
		return List.of(new Metric("ns_per_op", "ns per call (indicative)", Kind.DIFFERENCE, Double.NaN),
				new Metric("bytes_per_op", "bytes allocated per call (JMH -prof gc)", Kind.DIFFERENCE, Double.NaN),
				new Metric("objects_per_call", "objects allocated per call (ChainAllocations)", Kind.DIFFERENCE_AT_MOST,
						objectGoalCases.isEmpty() ? Double.NaN : 2, "%,.1f", objectGoalCases));
	}

	/** The unary metrics, the server's CPU time per call and how its JIT settled, for comparisons 1 and 2. */
	private static List<Metric> serverMetrics(String prefix, double goal) {
		List<Metric> metrics = unaryMetrics(prefix, goal);
		for (String load : List.of("low", "high")) {
			metrics.add(new Metric(load + ".server_cpu_us",
					"server's CPU µs per call at {" + prefix + load + "_load}", Kind.RATIO, Double.NaN));
		}
		metrics.addAll(settleMetrics(prefix, "server_jit_ms", "server's"));
		return metrics;
	}

	/**
	 * How long the load ran before a JVM's JIT compilers settled, and how long they still worked in
	 * the measured window: near 0 when the measurement saw compiled code only.
	 */
	private static List<Metric> settleMetrics(String prefix, String jitMetric, String whose) {
		List<Metric> metrics = new ArrayList<>();
		for (String load : List.of("low", "high")) {
			String name = "{" + prefix + load + "_load}";
			metrics.add(new Metric(load + ".settle_s", "load before the JIT settled, s, at " + name, Kind.DIFFERENCE,
					Double.NaN));
			metrics.add(new Metric(load + "." + jitMetric, whose + " JIT compiling in the measured window, ms, at " + name,
					Kind.DIFFERENCE, Double.NaN));
		}
		return metrics;
	}

	/** Throughput and latency at the low and the high load, named by run.properties' {prefix}low_load and so on. */
	private static List<Metric> unaryMetrics(String prefix, double goal) {
		List<Metric> metrics = new ArrayList<>();
		for (String load : List.of("low", "high")) {
			String name = "{" + prefix + load + "_load}";
			metrics.add(new Metric(load + ".rps", "req/s at " + name, Kind.RATIO, goal));
			metrics.add(new Metric(load + ".p50_us", "p50 µs at " + name, Kind.RATIO, Double.NaN));
			metrics.add(new Metric(load + ".p99_us", "p99 µs at " + name, Kind.RATIO, Double.NaN));
		}
		return metrics;
	}

	/**
	 * Comparison 3's: the unary metrics, the load client's CPU time per call, which moves less
	 * from run to run than its latency does, the server's, and how both JITs settled.
	 */
	private static List<Metric> clientMetrics() {
		List<Metric> metrics = unaryMetrics("client_", 0.98);
		for (String load : List.of("low", "high")) {
			metrics.add(new Metric(load + ".cpu_us", "client's CPU µs per call at {client_" + load + "_load}",
					Kind.RATIO, Double.NaN));
		}
		for (String load : List.of("low", "high")) {
			metrics.add(new Metric(load + ".server_cpu_us", "server's CPU µs per call at {client_" + load + "_load}",
					Kind.RATIO, Double.NaN));
		}
		metrics.addAll(settleMetrics("client_", "jit_ms", "the client's"));
		for (String load : List.of("low", "high")) {
			metrics.add(new Metric(load + ".server_jit_ms",
					"server's JIT compiling in the measured window, ms, at {client_" + load + "_load}", Kind.DIFFERENCE,
					Double.NaN));
		}
		return metrics;
	}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args[0]);
		Properties settings = new Properties();
		try (Reader reader = Files.newBufferedReader(dir.resolve("run.properties"))) {
			settings.load(reader);
		}
		// comparison -> metric -> variant -> pair -> value
		Map<String, Map<String, Map<String, Map<Integer, Double>>>> values = new LinkedHashMap<>();
		for (String line : Files.readAllLines(dir.resolve("measurements.tsv"))) {
			String[] columns = line.split("\t");
			if (columns[0].equals("comparison")) {
				continue;
			}
			values.computeIfAbsent(columns[0], (key) -> new LinkedHashMap<>())
				.computeIfAbsent(columns[3], (key) -> new LinkedHashMap<>())
				.computeIfAbsent(columns[2], (key) -> new TreeMap<>())
				.put(Integer.parseInt(columns[1]), Double.parseDouble(columns[4]));
		}
		String report = Files.readString(dir.resolve("environment.md")) + "\n" + render(values, settings) + NOTES;
		Files.writeString(dir.resolve("results.md"), report);
		System.out.print(report);
	}

	private static String render(Map<String, Map<String, Map<String, Map<Integer, Double>>>> values,
			Properties settings) {
		StringBuilder goals = new StringBuilder();
		StringBuilder tables = new StringBuilder();
		for (Comparison comparison : COMPARISONS) {
			Map<String, Map<String, Map<Integer, Double>>> metrics = values.get(comparison.id());
			if (metrics == null) {
				continue;
			}
			// With several A variants, each gets its own row, named in the Measure column.
			boolean severalA = comparison.a().size() > 1;
			String aColumn = severalA ? "A" : comparison.a().get(0);
			String b = comparison.b();
			tables.append("### ").append(fill(comparison.title(), settings)).append("\n\n");
			tables.append("| Measure | %s: median (range) | %s: median (range) | %s | Goal |\n".formatted(aColumn, b,
					comparison.metrics().get(0).isDifference() ? aColumn + " − " + b + ": median (range)"
							: aColumn + " / " + b + ": median (range)"));
			tables.append("| --- | --- | --- | --- | --- |\n");
			for (Metric metric : comparison.metrics()) {
				Map<String, Map<Integer, Double>> byVariant = metrics.get(metric.key());
				for (String a : comparison.a()) {
					if (byVariant == null || !byVariant.containsKey(a) || !byVariant.containsKey(b)) {
						continue;
					}
					Map<Integer, Double> aValues = byVariant.get(a);
					Map<Integer, Double> bValues = byVariant.get(b);
					double[] compared = aValues.keySet()
						.stream()
						.filter(bValues::containsKey)
						.mapToDouble((pair) -> metric.isDifference() ? aValues.get(pair) - bValues.get(pair)
								: aValues.get(pair) / bValues.get(pair))
						.toArray();
					Summary aSummary = Summary.of(aValues.values());
					String goal = metric.hasGoalFor(a) ? goal(metric, aSummary, Summary.of(compared)) : "";
					String label = fill(metric.label(), settings) + (severalA ? ", A = " + a : "");
					// Counts are shown side by side, not divided: B's may be 0 (plain grpc-java sheds nothing).
					String comparedText = (metric.kind() == Kind.SHOWN) ? ""
							: Summary.of(compared).format(metric.isDifference() ? "%+" + metric.format().substring(1) : "%.3f");
					tables.append("| %s | %s | %s | %s | %s |\n".formatted(label, aSummary.format(metric.format()),
							Summary.of(bValues.values()).format(metric.format()), comparedText, goal));
					if (!goal.isEmpty()) {
						goals.append("- ").append(fill(comparison.title(), settings)).append(", ").append(label)
							.append(": ").append(goal).append('\n');
					}
				}
			}
			tables.append('\n');
		}
		String intro = "Medians and ranges (min–max) over the pairs (%s), each pair run A then B, a fresh JVM per run."
			.formatted(settings.getProperty("pairs"));
		return "## Results\n\n" + intro + "\n\n### Goals\n\n" + (goals.isEmpty() ? "None measured.\n" : goals) + "\n"
				+ sideBySide(values, settings) + tables;
	}

	/**
	 * The two Spring Boot lines side by side: each A variant that ran on both, its median on each
	 * line, B's, and each line's median per-pair ratio to B; then the Boot 4.1 starter's start
	 * against the Spring gRPC app's. Each part only when its variants ran.
	 */
	private static String sideBySide(Map<String, Map<String, Map<String, Map<Integer, Double>>>> values,
			Properties settings) {
		StringBuilder rows = new StringBuilder();
		for (Comparison comparison : COMPARISONS) {
			Map<String, Map<String, Map<Integer, Double>>> metrics = values.get(comparison.id());
			if (metrics == null) {
				continue;
			}
			String b = comparison.b();
			for (Metric metric : comparison.metrics()) {
				Map<String, Map<Integer, Double>> byVariant = metrics.get(metric.key());
				if (byVariant == null || !byVariant.containsKey(b) || metric.isDifference()
						|| metric.kind() == Kind.SHOWN) {
					continue;
				}
				for (String a : comparison.a()) {
					String a4 = boot4Name(a);
					if (a.contains(BOOT4) || a.startsWith(SPRING_GRPC) || !byVariant.containsKey(a)
							|| !byVariant.containsKey(a4)) {
						continue;
					}
					rows.append("| %s | %s | %s | %s | %s | %s | %s |\n".formatted(
							comparison.id() + ": " + fill(metric.label(), settings), a,
							Summary.of(byVariant.get(a).values()).format("%,.0f"),
							Summary.of(byVariant.get(a4).values()).format("%,.0f"),
							Summary.of(byVariant.get(b).values()).format("%,.0f") + " (" + b + ")",
							Summary.of(ratios(byVariant.get(a), byVariant.get(b))).format("%.3f"),
							Summary.of(ratios(byVariant.get(a4), byVariant.get(b))).format("%.3f")));
				}
			}
		}
		StringBuilder section = new StringBuilder();
		if (!rows.isEmpty()) {
			section.append("### The two lines side by side\n\n");
			section.append("Each against the same B in the same pairs; medians (range). The detailed tables follow.\n\n");
			section.append("| Measure | A | A on Boot 3.5 | A on Boot 4.1 | B | Boot 3.5 / B | Boot 4.1 / B |\n");
			section.append("| --- | --- | --- | --- | --- | --- | --- |\n").append(rows).append('\n');
		}
		Map<String, Map<Integer, Double>> startup = values.getOrDefault("startup", Map.of()).get("startup_ms");
		if (startup != null) {
			StringBuilder vsSpringGrpc = new StringBuilder();
			for (String suffix : List.of("", "-cds")) {
				Map<Integer, Double> starter = startup.get("summator" + BOOT4 + suffix);
				Map<Integer, Double> springGrpc = startup.get(SPRING_GRPC + suffix);
				if (starter != null && springGrpc != null) {
					vsSpringGrpc.append("| %s | %s | %s | %s |\n".formatted(suffix.isEmpty() ? "as built" : "with CDS",
							Summary.of(starter.values()).format("%,.0f"), Summary.of(springGrpc.values()).format("%,.0f"),
							Summary.of(ratios(starter, springGrpc)).format("%.3f")));
				}
			}
			if (!vsSpringGrpc.isEmpty()) {
				section.append("### Startup on Boot 4.1, the starter against Spring Boot's own gRPC server\n\n")
					.append("The starter (demo-summator) against what a user would pick instead ")
					.append("(Spring Boot's gRPC server starter and actuator), start to first response, ms:\n\n")
					.append("| Jar | starter | Spring gRPC app | starter / Spring gRPC |\n")
					.append("| --- | --- | --- | --- |\n")
					.append(vsSpringGrpc)
					.append('\n');
			}
		}
		return section.toString();
	}

	/** A variant's name on the Boot 4.1 line: summator-cds is summator-boot4-cds, starter starter-boot4. */
	private static String boot4Name(String variant) {
		return variant.endsWith("-cds") ? variant.substring(0, variant.length() - 4) + BOOT4 + "-cds"
				: variant + BOOT4;
	}

	/** A's value over B's, pair by pair, for the pairs both have. */
	private static double[] ratios(Map<Integer, Double> a, Map<Integer, Double> b) {
		return a.keySet().stream().filter(b::containsKey).mapToDouble((pair) -> a.get(pair) / b.get(pair)).toArray();
	}

	private static String goal(Metric metric, Summary a, Summary compared) {
		if (Double.isNaN(metric.goal())) {
			return "";
		}
		return switch (metric.kind()) {
			case RATIO -> "≥ %.2f: **%s**".formatted(metric.goal(), compared.median() >= metric.goal() ? "pass" : "FAIL");
			case A_AT_MOST -> "≤ %,.0f: **%s**".formatted(metric.goal(), a.median() <= metric.goal() ? "pass" : "FAIL");
			case A_BELOW -> "< %,.0f: **%s**".formatted(metric.goal(), a.median() < metric.goal() ? "pass" : "FAIL");
			case DIFFERENCE_AT_MOST -> "A − B ≤ %,.0f: **%s**".formatted(metric.goal(),
					compared.median() <= metric.goal() ? "pass" : "FAIL");
			case DIFFERENCE, SHOWN -> "";
		};
	}

	private static String fill(String text, Properties settings) {
		String filled = text;
		for (String name : settings.stringPropertyNames()) {
			filled = filled.replace("{" + name + "}", settings.getProperty(name));
		}
		return filled;
	}

	/** How a metric's two variants are compared, and what its goal bounds. */
	private enum Kind {

		/** A / B; the goal is the least median ratio. */
		RATIO,

		/** A − B, in the metric's unit; no goal. */
		DIFFERENCE,

		/** A − B, in the metric's unit; the goal is the most its median may be. */
		DIFFERENCE_AT_MOST,

		/** A / B shown; the goal is the most A's median may be. */
		A_AT_MOST,

		/** A / B shown; A's median must be below the goal. */
		A_BELOW,

		/** A and B shown, not compared: counts, which may be 0 for B; no goal. */
		SHOWN

	}

	/**
	 * A metric of a comparison.
	 * @param key its name in measurements.tsv
	 * @param label its label in the tables, with run.properties' settings in braces
	 * @param kind how A and B are compared
	 * @param goal the goal, or NaN
	 * @param format how its values are written
	 * @param goalVariants the A variants the goal is for, or null for every one
	 */
	private record Metric(String key, String label, Kind kind, double goal, String format, Set<String> goalVariants) {

		Metric(String key, String label, Kind kind, double goal) {
			this(key, label, kind, goal, "%,.0f", null);
		}

		boolean isDifference() {
			return this.kind == Kind.DIFFERENCE || this.kind == Kind.DIFFERENCE_AT_MOST;
		}

		boolean hasGoalFor(String variant) {
			return this.goalVariants == null || this.goalVariants.contains(variant);
		}

	}

	/**
	 * A comparison of one or more A variants, each against the same B; each A variant gets its
	 * own row per metric when there are several.
	 */
	private record Comparison(String id, String title, List<String> a, String b, List<Metric> metrics) {
	}

	private record Summary(double median, double min, double max) {

		static Summary of(Iterable<Double> values) {
			List<Double> list = new ArrayList<>();
			values.forEach(list::add);
			return of(list.stream().mapToDouble(Double::doubleValue).toArray());
		}

		static Summary of(double[] values) {
			double[] sorted = values.clone();
			Arrays.sort(sorted);
			int middle = sorted.length / 2;
			double median = (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
			return new Summary(median, sorted[0], sorted[sorted.length - 1]);
		}

		String format(String number) {
			return (number + " (" + number + "–" + number + ")").formatted(this.median, this.min, this.max);
		}

	}

}

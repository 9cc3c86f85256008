package io.github.microservicestarter.bench.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

import io.grpc.Status;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Which objects one call through a chain allocates, by class: the objects the heap holds after
 * many calls less those it held before, divided by the calls, with the JIT warmed up as in the
 * benchmark (so objects that escape analysis removes are not counted), less what taking the
 * heap's histogram itself allocates (measured by taking two in a row first). The heap must not be
 * collected in between: run it with Epsilon, which never collects, and a heap that holds every
 * call's garbage. Other threads' objects of the same time count too (the app's are few); a
 * case's figure less the baseline's is the chain's.
 * <p>
 * Usage: {@code java -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms4g -Xmx4g -cp ...
 * ChainAllocations <server|client> <case> [warm-up calls] [measured calls] [sites]}; prints a line
 * per class of at least 0.01 objects per call, either way (the histogram's own share is an
 * estimate), then {@code allocations side=... case=...
 * objects_per_call=... bytes_per_call=...}, which bench/run records. With {@code sites} (and
 * {@code -XX:-UseTLAB}, so that every allocation is an event) it also records the measured calls'
 * allocations with JFR and prints, per class, the code that allocates it: the first frame outside
 * the JDK, with the one before it.
 */
public final class ChainAllocations {

	private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

	private ChainAllocations() {
	}

	public static void main(String[] args) throws Exception {
		String side = args[0];
		ChainCase chainCase = ChainCase.of(args[1]);
		int warmup = (args.length > 2) ? Integer.parseInt(args[2]) : 300_000;
		int calls = (args.length > 3) ? Integer.parseInt(args[3]) : 100_000;
		boolean sites = args.length > 4 && args[4].equals("sites");
		AutoCloseable chain;
		Supplier<Status> call;
		if (side.equals("server")) {
			ServerChain server = new ServerChain(chainCase);
			chain = server;
			call = server::call;
		}
		else if (side.equals("client")) {
			ClientChain client = new ClientChain(chainCase);
			chain = client;
			call = client::call;
		}
		else {
			throw new IllegalArgumentException("side is server or client, not " + side);
		}
		try (chain) {
			for (int i = 0; i < warmup; i++) {
				check(call.get());
			}
			Recording recording = sites ? startRecording() : null;
			Map<String, long[]> first = histogram();
			Map<String, long[]> before = histogram();
			for (int i = 0; i < calls; i++) {
				check(call.get());
			}
			Map<String, long[]> after = histogram();
			if (recording != null) {
				printSites(recording, calls);
			}
			print(side, chainCase, minus(minus(after, before), minus(before, first)), calls);
		}
		System.exit(0);
	}

	private static void check(Status status) {
		if (!status.isOk()) {
			throw new IllegalStateException("a call ended " + status);
		}
	}

	/** Instances and bytes by class, one histogram's less another's. */
	private static Map<String, long[]> minus(Map<String, long[]> histogram, Map<String, long[]> less) {
		Map<String, long[]> difference = new HashMap<>();
		for (String name : histogram.keySet()) {
			long[] was = less.getOrDefault(name, new long[2]);
			difference.put(name, new long[] { histogram.get(name)[0] - was[0], histogram.get(name)[1] - was[1] });
		}
		for (String name : less.keySet()) {
			difference.putIfAbsent(name, new long[] { -less.get(name)[0], -less.get(name)[1] });
		}
		return difference;
	}

	private static void print(String side, ChainCase chainCase, Map<String, long[]> allocated, int calls) {
		double objects = 0;
		double bytes = 0;
		List<Map.Entry<String, long[]>> rows = allocated.entrySet()
			.stream()
			.filter((entry) -> entry.getValue()[0] != 0)
			.sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
			.toList();
		System.out.printf("%-12s %-12s %s%n", "objects/call", "bytes/call", "class");
		for (Map.Entry<String, long[]> row : rows) {
			double perCall = (double) row.getValue()[0] / calls;
			double bytesPerCall = (double) row.getValue()[1] / calls;
			objects += perCall;
			bytes += bytesPerCall;
			if (Math.abs(perCall) >= 0.01) {
				System.out.printf("%12.2f %12.1f %s%n", perCall, bytesPerCall, row.getKey());
			}
		}
		System.out.printf("allocations side=%s case=%s objects_per_call=%.2f bytes_per_call=%.1f%n", side, chainCase,
				objects, bytes);
	}

	private static Recording startRecording() {
		if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream().noneMatch("-XX:-UseTLAB"::equals)) {
			throw new IllegalStateException("sites needs -XX:-UseTLAB: with TLABs JFR sees only some allocations");
		}
		Recording recording = new Recording();
		recording.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
		recording.start();
		return recording;
	}

	/**
	 * The measured calls' allocations by class and allocating code, per call: the first frame
	 * outside the JDK (java.*, jdk.*, sun.*), with the frame that called it.
	 */
	private static void printSites(Recording recording, int calls) throws IOException {
		recording.stop();
		Path file = Files.createTempFile("chain-allocations", ".jfr");
		try {
			recording.dump(file);
			Map<String, Integer> sites = new HashMap<>();
			for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
				if (event.getStackTrace() == null || event.getThread() == null
						|| !"main".equals(event.getThread().getJavaName())) {
					continue;
				}
				List<RecordedFrame> frames = event.getStackTrace().getFrames();
				int first = 0;
				while (first < frames.size() - 1 && isJdk(frames.get(first))) {
					first++;
				}
				String site = frame(frames.get(first))
						+ ((first + 1 < frames.size()) ? " < " + frame(frames.get(first + 1)) : "");
				sites.merge(event.getClass("objectClass").getName() + "  " + site, 1, Integer::sum);
			}
			System.out.printf("%-12s %s%n", "objects/call", "class  allocated at < called from");
			sites.entrySet()
				.stream()
				.filter((entry) -> (double) entry.getValue() / calls >= 0.01)
				.sorted(Map.Entry.comparingByKey())
				.forEach((entry) -> System.out.printf("%12.2f %s%n", (double) entry.getValue() / calls, entry.getKey()));
		}
		finally {
			Files.deleteIfExists(file);
			recording.close();
		}
	}

	private static boolean isJdk(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
	}

	private static String frame(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + ":"
				+ frame.getLineNumber();
	}

	/** Every object of the heap, reachable or not, by class: instances and bytes. */
	private static Map<String, long[]> histogram() throws Exception {
		String text = (String) ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
					new Object[] { new String[] { "-all" } }, new String[] { String[].class.getName() });
		Map<String, long[]> classes = new HashMap<>();
		for (String line : text.split("\n")) {
			Matcher row = ROW.matcher(line);
			if (row.matches()) {
				classes.put(row.group(3), new long[] { Long.parseLong(row.group(1)), Long.parseLong(row.group(2)) });
			}
		}
		return classes;
	}

}

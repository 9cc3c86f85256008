package io.github.microservicestarter.demo.summator;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A demo app as its own process, with its own environment variables, started the way a user starts
 * it: its output goes to a log file, and it counts as started once the starter logs the port it
 * serves on.
 */
final class DemoProcess implements AutoCloseable {

	private static final long STARTUP_TIMEOUT_SECONDS = 120;

	private final String appId;

	private final Process process;

	private final int port;

	private final Path log;

	private DemoProcess(String appId, Process process, int port, Path log) {
		this.appId = appId;
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the summator demo from this module's classes and dependencies (its runnable jar is
	 * built after the tests), and waits until it listens.
	 * @param log where its output goes
	 * @param environment its environment variables besides the build's, such as DAPR_GRPC_PORT
	 * @param arguments its command-line arguments
	 * @return the running demo
	 */
	static DemoProcess summator(Path log, Map<String, String> environment, List<String> arguments)
			throws IOException {
		// The test's classpath without the runnable jars of the other processes the tests start.
		String classpath = classpath().stream()
			.filter((entry) -> !entry.endsWith("-exec.jar"))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(
				List.of(java(), "-cp", classpath, SummatorApplication.class.getName()));
		command.addAll(arguments);
		return start("summator", command, environment, log);
	}

	/**
	 * Starts a demo and waits until it listens.
	 * @param appId its app id, as it logs it
	 * @param command its command line
	 * @param environment its environment variables besides the build's
	 * @param log where its output goes
	 * @return the running demo
	 */
	static DemoProcess start(String appId, List<String> command, Map<String, String> environment, Path log)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		Pattern listening = Pattern.compile("App '" + Pattern.quote(appId) + "' serves grpc on port (\\d+)");
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> copyOutput(process, log, listening, port), appId + "-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return new DemoProcess(appId, process, port.get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS), log);
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw new IllegalStateException("The %s demo did not start listening; its output is in %s".formatted(appId,
					log), ex);
		}
	}

	/**
	 * The java of the tests' JVM.
	 * @return its path
	 */
	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The tests' classpath, as surefire gives it.
	 * @return its entries
	 */
	static List<String> classpath() {
		return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
	}

	int port() {
		return this.port;
	}

	/**
	 * Its output so far.
	 * @return the log
	 */
	String log() throws IOException {
		return Files.readString(this.log);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	@Override
	public String toString() {
		return "the %s demo (port %d, log %s)".formatted(this.appId, this.port, this.log);
	}

	/** Copies the output to the log, completing the port when the listening line passes. */
	private static void copyOutput(Process process, Path log, Pattern listening, CompletableFuture<Integer> port) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter file = new PrintWriter(Files.newBufferedWriter(log), true)) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				file.println(line);
				Matcher matcher = listening.matcher(line);
				if (matcher.find()) {
					port.complete(Integer.parseInt(matcher.group(1)));
				}
			}
			port.completeExceptionally(new IllegalStateException("exited with " + process.waitFor()));
		}
		catch (IOException | InterruptedException ex) {
			port.completeExceptionally(ex);
		}
	}

}

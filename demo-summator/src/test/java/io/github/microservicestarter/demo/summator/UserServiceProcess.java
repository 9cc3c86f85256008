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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user-service demo as its own process, started from its runnable jar the way a user starts
 * it: a real separate app, with its own classpath and configuration, on a free port.
 */
final class UserServiceProcess implements AutoCloseable {

	/** The line the starter logs once the server listens. */
	private static final Pattern LISTENING = Pattern.compile("App 'user-service' serves grpc on port (\\d+)");

	private static final long STARTUP_TIMEOUT_SECONDS = 120;

	private final Process process;

	private final int port;

	private UserServiceProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts the demo with its data in the given directory and waits until it listens.
	 * @param dataDir the H2 data directory
	 * @param log where the process's output goes
	 * @return the running demo
	 */
	static UserServiceProcess start(Path dataDir, Path log) throws Exception {
		return start(dataDir, log, List.of());
	}

	/**
	 * Starts the demo with its data in the given directory and further command-line arguments,
	 * and waits until it listens.
	 * @param dataDir the H2 data directory
	 * @param log where the process's output goes
	 * @param arguments more arguments, such as the Zipkin endpoint
	 * @return the running demo
	 */
	static UserServiceProcess start(Path dataDir, Path log, List<String> arguments) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-jar", runnableJar().toString(),
				"--microservice.app-port=0", "--server.port=0", "--user-service.data-dir=" + dataDir));
		command.addAll(arguments);
		Process process = new ProcessBuilder(command)
			.redirectErrorStream(true)
			.start();
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> copyOutput(process, log, port), "user-service-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return new UserServiceProcess(process, port.get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS));
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw new IllegalStateException("The user-service demo did not start listening; its output is in " + log,
					ex);
		}
	}

	int port() {
		return this.port;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	/** Copies the output to the log, completing the port when the listening line passes. */
	private static void copyOutput(Process process, Path log, CompletableFuture<Integer> port) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter file = new PrintWriter(Files.newBufferedWriter(log), true)) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				file.println(line);
				Matcher listening = LISTENING.matcher(line);
				if (listening.find()) {
					port.complete(Integer.parseInt(listening.group(1)));
				}
			}
			port.completeExceptionally(new IllegalStateException("exited with " + process.waitFor()));
		}
		catch (IOException | InterruptedException ex) {
			port.completeExceptionally(ex);
		}
	}

	/**
	 * The demo's runnable jar. It is a test dependency of this module (classifier exec, without
	 * its dependencies), which makes Maven build it first and put it on this test's classpath.
	 */
	private static Path runnableJar() {
		List<String> classpath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
		return classpath.stream()
			.filter((entry) -> entry.matches(".*demo-user-service-[^/]*-exec\\.jar"))
			.map(Path::of)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("demo-user-service's -exec.jar is not on the classpath"));
	}

}

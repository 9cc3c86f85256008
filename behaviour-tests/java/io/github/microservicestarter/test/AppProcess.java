package io.github.microservicestarter.test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An app in a JVM of its own, for what only a process has: {@link #kill()} is a real
 * {@code kill -9}, {@link #terminate()} a real SIGTERM, {@link #rssKilobytes()} its resident memory
 * and {@link #logBytes()} what it has written. It is started from a main class on this test's
 * classpath or from a runnable jar, and counts as started once a line of its output tells its port.
 * The behavioural suite and the demos' tests share it, on both Spring Boot lines.
 */
public final class AppProcess implements AutoCloseable {

	/** The line the starter logs once the gRPC server listens, with its port as group 1. */
	public static final Pattern SERVES_GRPC = Pattern.compile("App '[^']+' serves grpc on port (\\d+)");

	/** JVM options that start a test's app faster: the quick compiler only, a small heap's collector. */
	public static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

	private final Process process;

	private final int port;

	private final Path log;

	private final AtomicLong logBytes;

	private AppProcess(Process process, int port, Path log, AtomicLong logBytes) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.logBytes = logBytes;
	}

	/**
	 * Starts a main class of this test's classpath in a JVM of its own and waits until it tells its
	 * port.
	 * @param jvmOptions options of the JVM, such as {@link #QUICK_START} and -Xmx
	 * @param mainClass the main class
	 * @param arguments the program's arguments
	 * @param listening the line that tells the port, as group 1
	 * @param log where its output goes
	 * @return the started app
	 */
	public static AppProcess startMain(List<String> jvmOptions, String mainClass, List<String> arguments,
			Pattern listening, Path log) throws Exception {
		return startMain(Map.of(), jvmOptions, mainClass, arguments, listening, log);
	}

	/**
	 * Starts a main class of this test's classpath in a JVM of its own, with environment variables
	 * besides the build's, and waits until it tells its port.
	 * @param environment the environment variables, such as DAPR_GRPC_PORT
	 * @param jvmOptions options of the JVM, such as {@link #QUICK_START} and -Xmx
	 * @param mainClass the main class
	 * @param arguments the program's arguments
	 * @param listening the line that tells the port, as group 1
	 * @param log where its output goes
	 * @return the started app
	 */
	public static AppProcess startMain(Map<String, String> environment, List<String> jvmOptions, String mainClass,
			List<String> arguments, Pattern listening, Path log) throws Exception {
		// The test's classpath without the runnable jars of the other apps a test starts.
		String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("-exec.jar"))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(jvmOptions);
		command.addAll(List.of("-cp", classpath, mainClass));
		command.addAll(arguments);
		return start(environment, command, listening, log);
	}

	/**
	 * Starts a runnable jar in a JVM of its own and waits until it tells its port.
	 * @param jvmOptions options of the JVM
	 * @param jar the runnable jar
	 * @param arguments the program's arguments
	 * @param listening the line that tells the port, as group 1
	 * @param log where its output goes
	 * @return the started app
	 */
	public static AppProcess startJar(List<String> jvmOptions, Path jar, List<String> arguments, Pattern listening,
			Path log) throws Exception {
		List<String> command = new ArrayList<>(jvmOptions);
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(arguments);
		return start(Map.of(), command, listening, log);
	}

	private static AppProcess start(Map<String, String> environment, List<String> javaArguments, Pattern listening,
			Path log) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(javaArguments);
		Files.createDirectories(log.toAbsolutePath().getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		CompletableFuture<Integer> port = new CompletableFuture<>();
		AtomicLong logBytes = new AtomicLong();
		Thread reader = new Thread(() -> copyOutput(process, log, listening, port, logBytes),
				"app-process-output-" + process.pid());
		reader.setDaemon(true);
		reader.start();
		try {
			return new AppProcess(process, port.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS), log, logBytes);
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw new IllegalStateException("The app did not tell its port; its output is in " + log, ex);
		}
	}

	/**
	 * The port the app told.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Whether the process still runs.
	 * @return whether it does
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * The process's resident memory, as Linux reports it ({@code VmRSS}).
	 * @return the kilobytes, or -1 when the process is gone
	 */
	public long rssKilobytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
			return -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * The bytes of output the app has written so far, its log.
	 * @return the bytes
	 */
	public long logBytes() {
		return this.logBytes.get();
	}

	/**
	 * Where the app's output goes.
	 * @return the file
	 */
	public Path log() {
		return this.log;
	}

	/** Kills the process at once, as {@code kill -9} does, and waits until it is gone. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/**
	 * Asks the process to stop, as SIGTERM does, and waits for it.
	 * @param within how long to wait before killing it
	 * @return how long it took to exit, or null when it had to be killed
	 */
	public Duration terminate(Duration within) throws InterruptedException {
		long start = System.nanoTime();
		this.process.destroy();
		if (this.process.waitFor(within.toNanos(), TimeUnit.NANOSECONDS)) {
			return Duration.ofNanos(System.nanoTime() - start);
		}
		kill();
		return null;
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			terminate(Duration.ofSeconds(30));
		}
	}

	private static void copyOutput(Process process, Path log, Pattern listening, CompletableFuture<Integer> port,
			AtomicLong logBytes) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter file = new PrintWriter(Files.newBufferedWriter(log), true)) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				file.println(line);
				logBytes.addAndGet(line.getBytes(StandardCharsets.UTF_8).length + 1);
				Matcher matcher = listening.matcher(line);
				if (!port.isDone() && matcher.find()) {
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

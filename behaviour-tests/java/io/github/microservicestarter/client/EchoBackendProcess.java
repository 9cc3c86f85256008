package io.github.microservicestarter.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link EchoBackend} in a JVM of its own, for faults a process has: {@link #kill()} is a real
 * {@code kill -9}. It is started from this test's classpath and listens on a given port, so a
 * killed backend can come back where it was.
 */
final class EchoBackendProcess implements AutoCloseable {

	private static final Pattern LISTENING = Pattern.compile("Echo backend (\\S+) listens on port (\\d+)");

	private static final long STARTUP_TIMEOUT_SECONDS = 60;

	private final Process process;

	private final int port;

	private EchoBackendProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * The backend process's main: starts a backend and serves until killed.
	 * @param arguments its name and port
	 */
	public static void main(String[] arguments) throws Exception {
		EchoBackend backend = EchoBackend.start(arguments[0], Integer.parseInt(arguments[1]));
		System.out.println("Echo backend " + backend.name() + " listens on port " + backend.port());
		backend.awaitTermination();
	}

	/**
	 * Starts a backend process and waits until it listens.
	 * @param name its name, in every reply
	 * @param port its port, 0 for a free one
	 * @return the running backend
	 */
	static EchoBackendProcess start(String name, int port) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
				"-cp", System.getProperty("java.class.path"), EchoBackendProcess.class.getName(), name,
				Integer.toString(port)))
			.redirectErrorStream(true)
			.start();
		CompletableFuture<Integer> listening = new CompletableFuture<>();
		Thread reader = new Thread(() -> readOutput(process, listening), "echo-backend-" + name + "-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return new EchoBackendProcess(process, listening.get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS));
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	int port() {
		return this.port;
	}

	/** This backend's address as a static target entry. */
	String address() {
		return "127.0.0.1:" + this.port;
	}

	/** Kills the process at once, as {@code kill -9} does, and waits until it is gone. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

	private static void readOutput(Process process, CompletableFuture<Integer> listening) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			StringBuilder lines = new StringBuilder();
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				Matcher matcher = LISTENING.matcher(line);
				if (matcher.find()) {
					listening.complete(Integer.parseInt(matcher.group(2)));
				}
				else if (!listening.isDone()) {
					lines.append(line).append(System.lineSeparator());
				}
			}
			listening.completeExceptionally(new IllegalStateException(
					"The echo backend exited with %d:%n%s".formatted(process.waitFor(), lines)));
		}
		catch (IOException | InterruptedException ex) {
			listening.completeExceptionally(ex);
		}
	}

}

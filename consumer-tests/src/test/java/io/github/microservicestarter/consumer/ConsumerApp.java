package io.github.microservicestarter.consumer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.greeting.GreetingGrpc;
import io.dapr.v1.AppCallbackGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/**
 * A consumer build's runnable jar started as its own process, with {@code java -jar} and the
 * environment a platform gives it, as its users run it.
 */
final class ConsumerApp implements AutoCloseable {

	private static final Pattern SERVING = Pattern.compile("App '([^']+)' serves grpc on port (\\d+) \\(from (.+)\\)");

	private static final Pattern HTTP_SERVING = Pattern.compile("Tomcat started on port (\\d+)");

	private final Process process;

	private final StringBuffer output = new StringBuffer();

	private final CompletableFuture<Matcher> serving = new CompletableFuture<>();

	private final CompletableFuture<Integer> httpPort = new CompletableFuture<>();

	private ManagedChannel channel;

	private ConsumerApp(Process process) {
		this.process = process;
		Thread reader = new Thread(this::readOutput, "consumer-app-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Starts the jar.
	 * @param jar the runnable jar
	 * @param environment variables added to this process's environment
	 * @param args the app's arguments
	 * @return the app, starting
	 */
	static ConsumerApp start(Path jar, Map<String, String> environment, String... args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-jar", jar.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("DAPR_") || name.equals("APP_PORT"));
		// Several apps on one machine: each takes a free HTTP (actuator) port, not Spring Boot's 8080.
		builder.environment().put("SERVER_PORT", "0");
		builder.environment().putAll(environment);
		try {
			return new ConsumerApp(builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A port free for an app to listen on.
	 * @return the port
	 */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Waits for the app's "serves grpc on port" line.
	 * @return the line's app id, port and port source, as groups 1 to 3
	 */
	Matcher awaitServing() throws Exception {
		return this.serving.get(2, TimeUnit.MINUTES);
	}

	/**
	 * Waits for the app to exit, as one that fails its start does.
	 * @return its exit code
	 */
	int awaitExit() throws InterruptedException {
		if (!this.process.waitFor(2, TimeUnit.MINUTES)) {
			throw new IllegalStateException("The app did not exit:\n" + this.output);
		}
		return this.process.exitValue();
	}

	/**
	 * A stub on the app's port, once it serves.
	 * @return the stub
	 */
	GreetingGrpc.GreetingBlockingStub greeting() throws Exception {
		if (this.channel == null) {
			int port = Integer.parseInt(awaitServing().group(2));
			this.channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
		}
		return GreetingGrpc.newBlockingStub(this.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	/**
	 * Dapr's callback stub on the app's port, as its sidecar calls it.
	 * @return the stub
	 */
	AppCallbackGrpc.AppCallbackBlockingStub appCallback() throws Exception {
		greeting();
		return AppCallbackGrpc.newBlockingStub(this.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	/**
	 * The port of the app's HTTP server (the actuator's), once it listens.
	 * @return the port
	 */
	int awaitHttpPort() throws Exception {
		return this.httpPort.get(2, TimeUnit.MINUTES);
	}

	/**
	 * What the app printed so far.
	 * @return its standard output and error
	 */
	String output() {
		return this.output.toString();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.channel != null) {
			this.channel.shutdownNow();
		}
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.output.append(line).append('\n');
				Matcher matcher = SERVING.matcher(line);
				if (matcher.find()) {
					this.serving.complete(matcher);
				}
				Matcher http = HTTP_SERVING.matcher(line);
				if (http.find()) {
					this.httpPort.complete(Integer.parseInt(http.group(1)));
				}
			}
		}
		catch (IOException ex) {
			// The process ended; what it printed is kept.
		}
		this.serving.completeExceptionally(new IllegalStateException("The app exited without serving:\n" + this.output));
		this.httpPort.completeExceptionally(new IllegalStateException("The app exited without HTTP:\n" + this.output));
	}

}

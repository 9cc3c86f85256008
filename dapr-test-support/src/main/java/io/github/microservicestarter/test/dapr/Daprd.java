package io.github.microservicestarter.test.dapr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Dapr's sidecar, daprd as {@code scripts/install-dapr} builds it, as a child process in
 * standalone mode: every port a free one on loopback, the repository's {@code dapr/} components
 * and configuration, its output in a log file that failure messages quote.
 * <p>
 * daprd processes that are to call each other must run in one working directory: their name
 * resolution is a SQLite file there. {@link Builder#start()} returns once daprd answers
 * {@code GET /v1.0/healthz} with 204, which it does only once the app's port (if it has an app)
 * accepts connections.
 */
public final class Daprd implements AutoCloseable {

	/** How long daprd may take to become healthy, its app's start included. */
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	/** Starts tried when a port picked free was taken by someone else before daprd bound it. */
	private static final int START_ATTEMPTS = 3;

	private static final String PORT_TAKEN = "address already in use";

	private static final String LOOPBACK = "127.0.0.1";

	private final String appId;

	private final Process process;

	private final Ports ports;

	private final Path log;

	private final String apiToken;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	/** When the process started, in {@link System#nanoTime()}. */
	private final long started = System.nanoTime();

	private Daprd(String appId, Process process, Ports ports, Path log, String apiToken) {
		this.appId = appId;
		this.process = process;
		this.ports = ports;
		this.log = log;
		this.apiToken = apiToken;
	}

	/**
	 * A daprd to configure and start.
	 * @param appId its app id
	 * @param workingDirectory its working directory, shared by the daprd processes that call each other
	 * @return the builder
	 */
	public static Builder builder(String appId, Path workingDirectory) {
		return new Builder(appId, workingDirectory);
	}

	/**
	 * The Dapr API's gRPC port: apps' {@code DAPR_GRPC_PORT}.
	 * @return the port
	 */
	public int grpcPort() {
		return this.ports.grpc();
	}

	/**
	 * The Dapr API's HTTP port: apps' {@code DAPR_HTTP_PORT}.
	 * @return the port
	 */
	public int httpPort() {
		return this.ports.http();
	}

	/**
	 * GETs a path of the Dapr HTTP API, with the API token when daprd requires one.
	 * @param path such as {@code /v1.0/metadata}
	 * @return the response
	 */
	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	/**
	 * POSTs to a path of the Dapr HTTP API, with the API token when daprd requires one.
	 * @param path such as {@code /v1.0/publish/pubsub/orders}
	 * @param contentType the body's content type
	 * @param body the body
	 * @return the response
	 */
	public HttpResponse<String> post(String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Everything daprd logged so far.
	 * @return the log
	 */
	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops daprd with SIGTERM, as a platform does; daprd shuts down gracefully and removes itself
	 * from name resolution.
	 */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Override
	public String toString() {
		return "daprd '%s' (gRPC %d, HTTP %d, log %s)".formatted(this.appId, grpcPort(), httpPort(), this.log);
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://%s:%d%s".formatted(LOOPBACK, httpPort(), path)))
			.timeout(Duration.ofSeconds(10));
		if (this.apiToken != null) {
			request.header("dapr-api-token", this.apiToken);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits until daprd is healthy ({@code GET /v1.0/healthz} answers 204): its API up and its
	 * app's port, if it has an app, accepting connections.
	 * @return this daprd
	 */
	public Daprd awaitHealthy() throws InterruptedException {
		await("/v1.0/healthz");
		if (!this.process.isAlive()) {
			throw new IllegalStateException("%s exited with status %d; its log ends:%n%s".formatted(this,
					this.process.exitValue(), logTail()));
		}
		System.out.printf("%s healthy after %d ms%n", this,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.started));
		return this;
	}

	/** Waits until a health path answers 204 or daprd exits. */
	private void await(String healthPath) throws InterruptedException {
		try {
			Awaitility.await()
				.atMost(STARTUP_TIMEOUT)
				.pollInterval(Duration.ofMillis(50))
				.until(() -> !this.process.isAlive() || answers(healthPath));
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new IllegalStateException("%s did not answer %s with 204 within %s; its log ends:%n%s"
				.formatted(this, healthPath, STARTUP_TIMEOUT, logTail()), ex);
		}
	}

	private boolean answers(String healthPath) {
		try {
			return this.http.send(request(healthPath).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 204;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** The last lines of the log, for failure messages. */
	private String logTail() {
		List<String> lines = log().lines().toList();
		return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

	/**
	 * The ports of one daprd, each free on loopback when picked.
	 */
	private record Ports(int grpc, int http, int internalGrpc, int metrics) {

		static Ports pickFree() throws IOException {
			List<ServerSocket> sockets = new ArrayList<>();
			try {
				// All open at once, so that the four are distinct.
				for (int i = 0; i < 4; i++) {
					sockets.add(new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK)));
				}
				return new Ports(sockets.get(0).getLocalPort(), sockets.get(1).getLocalPort(),
						sockets.get(2).getLocalPort(), sockets.get(3).getLocalPort());
			}
			finally {
				for (ServerSocket socket : sockets) {
					socket.close();
				}
			}
		}

	}

	/**
	 * Configures and starts a daprd.
	 */
	public static final class Builder {

		private final String appId;

		private final Path workingDirectory;

		private Integer appPort;

		private Path configuration = DaprTools.configuration();

		private final Map<String, String> environment = new LinkedHashMap<>();

		private final List<String> arguments = new ArrayList<>();

		private Builder(String appId, Path workingDirectory) {
			this.appId = appId;
			this.workingDirectory = workingDirectory;
		}

		/**
		 * The port the app listens on; without one, daprd runs without an app, as a client's only
		 * way to the others.
		 * @param port the app's port
		 * @return this builder
		 */
		public Builder appPort(int port) {
			this.appPort = port;
			return this;
		}

		/**
		 * A configuration file instead of {@code dapr/config.yaml}, such as one with tracing.
		 * @param file the file
		 * @return this builder
		 */
		public Builder configuration(Path file) {
			this.configuration = file;
			return this;
		}

		/**
		 * An environment variable of daprd, such as {@code DAPR_API_TOKEN} or {@code APP_API_TOKEN}.
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder environment(String name, String value) {
			this.environment.put(name, value);
			return this;
		}

		/**
		 * Further command-line arguments, such as {@code --enable-app-health-check}.
		 * @param arguments the arguments
		 * @return this builder
		 */
		public Builder arguments(String... arguments) {
			this.arguments.addAll(List.of(arguments));
			return this;
		}

		/**
		 * Starts daprd and waits until it is healthy: its API up and its app's port (if it has an app)
		 * accepting connections. Fails the test under CI, or skips it elsewhere, when daprd is not
		 * installed.
		 * @return the running daprd
		 */
		public Daprd start() throws IOException, InterruptedException {
			return launch().awaitHealthy();
		}

		/**
		 * Starts daprd and waits until its API answers ({@code /v1.0/healthz/outbound}), not for its
		 * app: for an app that needs the sidecar's ports to start, such as an app in auto mode, which
		 * reads {@code DAPR_GRPC_PORT}. Then start the app and call {@link Daprd#awaitHealthy()}.
		 * @return the running daprd
		 */
		public Daprd launch() throws IOException, InterruptedException {
			Path daprd = DaprTools.daprd();
			for (int attempt = 1;; attempt++) {
				Daprd running = launch(daprd, Ports.pickFree());
				running.await("/v1.0/healthz/outbound");
				if (running.process.isAlive()) {
					return running;
				}
				if (!running.log().contains(PORT_TAKEN) || attempt == START_ATTEMPTS) {
					throw new IllegalStateException("%s exited with status %d; its log ends:%n%s".formatted(running,
							running.process.exitValue(), running.logTail()));
				}
			}
		}

		private Daprd launch(Path daprd, Ports ports) throws IOException {
			List<String> command = new ArrayList<>(List.of(daprd.toString(), "--app-id", this.appId,
					"--app-protocol", "grpc", "--dapr-grpc-port", String.valueOf(ports.grpc()), "--dapr-http-port",
					String.valueOf(ports.http()), "--dapr-internal-grpc-port", String.valueOf(ports.internalGrpc()),
					"--metrics-port", String.valueOf(ports.metrics()),
					// Loopback only: by default daprd listens on every interface.
					"--dapr-listen-addresses", LOOPBACK, "--dapr-internal-grpc-listen-address", LOOPBACK,
					"--metrics-listen-address", LOOPBACK, "--resources-path", DaprTools.components().toString(),
					"--config", this.configuration.toString(), "--log-level", "info"));
			if (this.appPort != null) {
				command.addAll(List.of("--app-port", String.valueOf(this.appPort)));
			}
			command.addAll(this.arguments);
			Path log = Files.createTempFile(this.workingDirectory, "daprd-" + this.appId + "-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			// The address daprd registers in name resolution, where other daprd processes call it:
			// without it, the machine's first non-loopback address.
			builder.environment().put("DAPR_HOST_IP", LOOPBACK);
			// Tokens only as the test gives them, whatever the build's own environment holds.
			builder.environment().remove("DAPR_API_TOKEN");
			builder.environment().remove("APP_API_TOKEN");
			builder.environment().putAll(this.environment);
			return new Daprd(this.appId, builder.start(), ports, log, this.environment.get("DAPR_API_TOKEN"));
		}

	}

}

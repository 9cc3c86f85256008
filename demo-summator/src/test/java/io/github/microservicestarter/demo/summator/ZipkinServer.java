package io.github.microservicestarter.demo.summator;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;

/**
 * A real Zipkin server as a child process on a free loopback port, spans in memory, started from
 * the zipkin-server runnable jar that Maven puts on the test classpath.
 */
final class ZipkinServer implements AutoCloseable {

	private static final long STARTUP_TIMEOUT_SECONDS = 120;

	private final Process process;

	private final URI base;

	private final HttpClient http = HttpClient.newHttpClient();

	private ZipkinServer(Process process, int port) {
		this.process = process;
		this.base = URI.create("http://127.0.0.1:" + port + "/");
	}

	/**
	 * Starts Zipkin and waits until it answers.
	 * @param log where its output goes
	 * @return the running server
	 */
	static ZipkinServer start(Path log) throws Exception {
		int port = freePort();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-jar", runnableJar().toString(),
				"--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port,
				"--armeria.ports[0].protocols[0]=http")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		ZipkinServer server = new ZipkinServer(process, port);
		try {
			Awaitility.await("Zipkin answering, its log in " + log)
				.atMost(Duration.ofSeconds(STARTUP_TIMEOUT_SECONDS))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> server.get("health").path("status").asText().equals("UP"));
			return server;
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/**
	 * Where apps send spans: the value of {@code management.zipkin.tracing.endpoint}.
	 * @return the URL of the v2 spans API
	 */
	String spansEndpoint() {
		return this.base.resolve("api/v2/spans").toString();
	}

	/**
	 * The spans of a trace, as Zipkin stored them.
	 * @param traceId the trace id
	 * @return the spans, or an empty array while Zipkin has none
	 */
	JsonNode trace(String traceId) throws Exception {
		HttpResponse<String> response = send("api/v2/trace/" + traceId);
		return (response.statusCode() == 200) ? new ObjectMapper().readTree(response.body())
				: new ObjectMapper().createArrayNode();
	}

	private JsonNode get(String path) throws Exception {
		return new ObjectMapper().readTree(send(path).body());
	}

	private HttpResponse<String> send(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(this.base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** The zipkin-server runnable jar, a test dependency of this module (classifier exec). */
	private static Path runnableJar() {
		List<String> classpath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
		return classpath.stream()
			.filter((entry) -> entry.matches(".*zipkin-server-[^/]*-exec\\.jar"))
			.map(Path::of)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("zipkin-server's -exec.jar is not on the classpath"));
	}

}

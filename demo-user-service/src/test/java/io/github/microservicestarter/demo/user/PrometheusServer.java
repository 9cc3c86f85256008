package io.github.microservicestarter.demo.user;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Prometheus as a child process on a free loopback port, scraping one app's
 * {@code /actuator/prometheus} every second, with its data in a fresh directory.
 */
final class PrometheusServer implements AutoCloseable {

	private static final Path BINARY = Path.of("/usr/bin/prometheus");

	private static final ObjectMapper json = new ObjectMapper();

	private final Process process;

	private final URI api;

	private final HttpClient http = HttpClient.newHttpClient();

	private PrometheusServer(Process process, int port) {
		this.process = process;
		this.api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
	}

	/**
	 * Starts Prometheus scraping the app and waits until it answers queries. Skips the test when
	 * Prometheus is not installed (scripts/install-test-tools installs it).
	 * @param job the job label of the app's series
	 * @param appHttpPort the app's HTTP port on loopback
	 * @param dir a fresh directory for the configuration, data and log
	 * @return the running server
	 */
	static PrometheusServer scraping(String job, int appHttpPort, Path dir) throws Exception {
		assumeTrue(Files.isExecutable(BINARY), "Prometheus is not installed: run scripts/install-test-tools");
		Path config = Files.writeString(dir.resolve("prometheus.yml"), """
				global:
				  scrape_interval: 1s
				scrape_configs:
				  - job_name: %s
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(job, appHttpPort));
		int port = freePort();
		File log = dir.resolve("prometheus.log").toFile();
		Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(log)
			.start();
		PrometheusServer server = new PrometheusServer(process, port);
		try {
			Awaitility.await("Prometheus ready, its log in " + log)
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(server::isReady);
			return server;
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/**
	 * The names of every metric Prometheus has stored.
	 * @return the names
	 */
	List<String> metricNames() throws Exception {
		List<String> names = new ArrayList<>();
		get("label/__name__/values").path("data").forEach((name) -> names.add(name.asText()));
		return names;
	}

	/**
	 * Evaluates an instant query.
	 * @param query the PromQL query
	 * @return the result vector's samples
	 */
	JsonNode query(String query) throws Exception {
		return get("query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).path("data").path("result");
	}

	/**
	 * How the scrapes of the app went, for failure messages.
	 * @return each target's health and last error
	 */
	String targets() throws Exception {
		List<String> targets = new ArrayList<>();
		get("targets").path("data").path("activeTargets").forEach((target) -> targets
			.add(target.path("scrapeUrl").asText() + " " + target.path("health").asText() + " "
					+ target.path("lastError").asText()));
		return targets.toString();
	}

	private boolean isReady() throws Exception {
		return "success".equals(get("status/buildinfo").path("status").asText());
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(this.api.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		return json.readTree(response.body());
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

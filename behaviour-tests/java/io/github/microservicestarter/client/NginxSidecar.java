package io.github.microservicestarter.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * Debian's nginx standing in for a Dapr sidecar: a gRPC proxy on a free loopback port that routes
 * each call by its dapr-app-id header, and logs every call's dapr-app-id, dapr-stream and path.
 */
final class NginxSidecar implements AutoCloseable {

	private static final Path NGINX = Path.of("/usr/sbin/nginx");

	private final Process process;

	private final int port;

	private final Path accessLog;

	private NginxSidecar(Process process, int port, Path accessLog) {
		this.process = process;
		this.port = port;
		this.accessLog = accessLog;
	}

	/**
	 * Starts nginx and waits until it listens. Skips the calling test when nginx is not installed.
	 * @param dir an empty directory for its configuration, logs and temporary files
	 * @param routes the backend port of each dapr-app-id
	 * @return the running proxy
	 */
	static NginxSidecar start(Path dir, Map<String, Integer> routes) throws IOException {
		Assumptions.assumeTrue(Files.isExecutable(NGINX), "nginx is not installed: run scripts/install-test-tools");
		int port = freePort();
		StringBuilder map = new StringBuilder();
		routes.forEach((appId, backendPort) -> map.append("\t\t\"%s\" 127.0.0.1:%d;%n".formatted(appId, backendPort)));
		Path accessLog = dir.resolve("access.log");
		String config = """
				master_process off;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log notice;
				events {
					worker_connections 64;
				}
				http {
					client_body_temp_path %1$s/client_body;
					proxy_temp_path %1$s/proxy;
					fastcgi_temp_path %1$s/fastcgi;
					uwsgi_temp_path %1$s/uwsgi;
					scgi_temp_path %1$s/scgi;
					log_format sidecar 'app_id=$http_dapr_app_id stream=$http_dapr_stream uri=$uri';
					map $http_dapr_app_id $backend {
						default 127.0.0.1:9;
				%2$s	}
					server {
						listen 127.0.0.1:%3$d http2;
						access_log %4$s sidecar;
						location / {
							grpc_pass grpc://$backend;
						}
					}
				}
				""".formatted(dir, map, port, accessLog);
		Path configFile = dir.resolve("nginx.conf");
		Files.writeString(configFile, config, StandardCharsets.UTF_8);
		Process process = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", configFile.toString(), "-e",
				dir.resolve("error.log").toString(), "-g", "daemon off;")
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("nginx.out").toFile())
			.start();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> !process.isAlive() || accepts(port));
		if (!process.isAlive()) {
			throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("error.log")));
		}
		return new NginxSidecar(process, port, accessLog);
	}

	int port() {
		return this.port;
	}

	/**
	 * The access log so far, one line per call: app_id=... stream=... uri=..., with "-" for a
	 * header the call did not carry.
	 * @return its lines
	 */
	List<String> accessLog() throws IOException {
		return Files.exists(this.accessLog) ? Files.readAllLines(this.accessLog) : List.of();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

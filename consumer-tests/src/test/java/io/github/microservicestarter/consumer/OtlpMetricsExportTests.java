package io.github.microservicestarter.consumer;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.example.greeting.GreetRequest;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Boot 4 starter brings Micrometer's OTLP meter registry with Spring Boot's OpenTelemetry
 * starter. A user's app pushes metrics over OTLP to the endpoint it names, and without one pushes
 * nothing (rather than to localhost:4318, logging each failure).
 */
class OtlpMetricsExportTests {

	@Test
	void withoutAnEndpointTheBoot4StarterHasNoOtlpMeterRegistry() throws Exception {
		// Spring Boot's condition evaluation report says why the registry is not there.
		try (ConsumerApp app = ConsumerApp.start(ConsumerBuild.BOOT4_STARTER_ALONE.jar(),
				Map.of("PORT", "" + ConsumerApp.freePort()),
				"--debug")) {
			await().atMost(Duration.ofMinutes(2)).until(() -> app.output().contains("Unconditional classes:"));
			String output = app.output();
			String negativeMatches = output.substring(output.indexOf("Negative matches:"), output.indexOf("Exclusions:"));
			assertThat(negativeMatches).contains("OtlpMetricsExportAutoConfiguration:");
			String otlp = negativeMatches.substring(negativeMatches.indexOf("OtlpMetricsExportAutoConfiguration:"));
			assertThat(otlp.substring(0, otlp.indexOf("\n\n"))).contains("Did not match",
					"management.otlp.metrics.export.enabled");
		}
	}

	@Test
	void theBoot4StarterPushesTheCallMetersToTheOtlpEndpointItIsGiven() throws Exception {
		LinkedBlockingQueue<String> pushes = new LinkedBlockingQueue<>();
		HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		collector.createContext("/v1/metrics", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				// The OTLP protobuf holds the meters' names as plain strings.
				pushes.add(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1));
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		collector.start();
		String url = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/metrics";
		try (ConsumerApp app = ConsumerApp.start(ConsumerBuild.BOOT4_STARTER_ALONE.jar(),
				Map.of("PORT", "" + ConsumerApp.freePort()),
				"--management.otlp.metrics.export.url=" + url, "--management.otlp.metrics.export.step=1s")) {
			app.greeting().greet(GreetRequest.newBuilder().setName("Ada").build());
			long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
			String push;
			do {
				push = pushes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				assertThat(push).as("an OTLP push with the call's meters").isNotNull();
			}
			while (!push.contains("grpc.server"));
		}
		finally {
			collector.stop(0);
		}
	}

}

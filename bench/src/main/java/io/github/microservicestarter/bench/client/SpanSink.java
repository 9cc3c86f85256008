package io.github.microservicestarter.bench.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Zipkin-compatible span sink for comparison 2: takes every POST of spans, reads and drops the
 * body and answers 202 as Zipkin does, so the server under test pays for exporting its sampled
 * spans without a collector's costs entering the run. Prints {@code spans-received posts=N
 * bytes=M} when stopped, which bench/run checks. Usage: {@code SpanSink <port>}.
 */
public final class SpanSink {

	/** The start of the line bench/run looks for in the sink's output. */
	public static final String REPORT_PREFIX = "spans-received";

	private SpanSink() {
	}

	public static void main(String[] args) throws Exception {
		AtomicLong posts = new AtomicLong();
		AtomicLong bytes = new AtomicLong();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 50);
		server.createContext("/", (exchange) -> {
			bytes.addAndGet(drain(exchange));
			posts.incrementAndGet();
			exchange.sendResponseHeaders(202, -1);
			exchange.close();
		});
		// The server's dispatcher thread keeps the JVM alive until bench/run stops it.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.stop(0);
			System.out.println(REPORT_PREFIX + " posts=" + posts.get() + " bytes=" + bytes.get());
		}));
		server.start();
		System.out.println("Span sink listens on port " + server.getAddress().getPort());
	}

	private static long drain(HttpExchange exchange) throws IOException {
		long read = 0;
		byte[] buffer = new byte[8192];
		try (InputStream body = exchange.getRequestBody()) {
			for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
				read += n;
			}
		}
		return read;
	}

}

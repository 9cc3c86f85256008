package io.github.microservicestarter.bench.client;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a server process and times it from the process start to its first successful SayHello,
 * then stops it. Prints {@code startup_ms=N}. Usage:
 * {@code StartupTimer <port> <log-file> <command...>}.
 */
public final class StartupTimer {

	private StartupTimer() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		File log = new File(args[1]);
		List<String> command = Arrays.asList(args).subList(2, args.length);
		try (ServerProbe probe = new ServerProbe(port, false)) {
			// One call before the server exists loads this JVM's gRPC classes, so they are not timed.
			if (probe.answers()) {
				throw new IllegalStateException("Something already answers on port " + port);
			}
			long start = System.nanoTime();
			Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
			long answered = probe.awaitAnswer(TimeUnit.SECONDS.toNanos(60), server::isAlive);
			server.destroy();
			if (!server.waitFor(30, TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
			if (answered < 0) {
				System.err.println("The server did not answer within 60 s, or stopped: see " + log);
				System.exit(1);
			}
			System.out.println("startup_ms=" + TimeUnit.NANOSECONDS.toMillis(answered - start));
		}
	}

}

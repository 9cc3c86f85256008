package io.github.microservicestarter.bench.client;

import java.util.concurrent.TimeUnit;

/**
 * Waits until a server on loopback answers a call, then exits 0; exits 1 after the timeout or as
 * soon as the server's process is gone. Usage:
 * {@code AwaitServing <port> hello|health <timeout-seconds> <server-pid>}.
 */
public final class AwaitServing {

	private AwaitServing() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		long timeoutNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
		ProcessHandle server = ProcessHandle.of(Long.parseLong(args[3]))
			.orElseThrow(() -> new IllegalStateException("No process " + args[3]));
		try (ServerProbe probe = new ServerProbe(port, args[1].equals("health"))) {
			if (probe.awaitAnswer(timeoutNanos, server::isAlive) < 0) {
				System.err.println("No answer on port " + port + " within " + args[2] + " s, or the server stopped");
				System.exit(1);
			}
		}
	}

}

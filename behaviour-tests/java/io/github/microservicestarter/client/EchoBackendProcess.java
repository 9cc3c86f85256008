package io.github.microservicestarter.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.microservicestarter.test.AppProcess;

/**
 * An {@link EchoBackend} in a JVM of its own, for faults a process has: {@link #kill()} is a real
 * {@code kill -9}. It listens on a given port, so a killed backend can come back where it was.
 */
final class EchoBackendProcess implements AutoCloseable {

	private static final Pattern LISTENING = Pattern.compile("Echo backend \\S+ listens on port (\\d+)");

	private final AppProcess process;

	private EchoBackendProcess(AppProcess process) {
		this.process = process;
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
		List<String> jvmOptions = new ArrayList<>(AppProcess.QUICK_START);
		jvmOptions.add("-Xmx64m");
		return new EchoBackendProcess(AppProcess.startMain(jvmOptions, EchoBackendProcess.class.getName(),
				List.of(name, Integer.toString(port)), LISTENING, Path.of("target", "echo-backend-" + name + ".log")));
	}

	int port() {
		return this.process.port();
	}

	/** This backend's address as a static target entry. */
	String address() {
		return "127.0.0.1:" + port();
	}

	/** Kills the process at once, as {@code kill -9} does, and waits until it is gone. */
	void kill() throws InterruptedException {
		this.process.kill();
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

}

package io.github.microservicestarter.demo.summator;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.microservicestarter.test.AppProcess;

/**
 * The user-service demo as its own process, started from its runnable jar the way a user starts
 * it: a real separate app, with its own classpath and configuration, on a free port.
 */
final class UserServiceProcess implements AutoCloseable {

	private final AppProcess process;

	private UserServiceProcess(AppProcess process) {
		this.process = process;
	}

	/**
	 * Starts the demo with its data in the given directory and waits until it listens.
	 * @param dataDir the H2 data directory
	 * @param log where the process's output goes
	 * @return the running demo
	 */
	static UserServiceProcess start(Path dataDir, Path log) throws Exception {
		return start(dataDir, log, List.of());
	}

	/**
	 * Starts the demo with its data in the given directory and further command-line arguments,
	 * and waits until it listens.
	 * @param dataDir the H2 data directory
	 * @param log where the process's output goes
	 * @param arguments more arguments, such as the Zipkin endpoint
	 * @return the running demo
	 */
	static UserServiceProcess start(Path dataDir, Path log, List<String> arguments) throws Exception {
		List<String> all = new ArrayList<>(List.of("--microservice.app-port=0", "--server.port=0",
				"--user-service.data-dir=" + dataDir));
		all.addAll(arguments);
		return new UserServiceProcess(AppProcess.startJar(List.of(), runnableJar(), all, AppProcess.SERVES_GRPC, log));
	}

	int port() {
		return this.process.port();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.close();
	}

	/**
	 * The demo's runnable jar. It is a test dependency of this module (classifier exec, without
	 * its dependencies), which makes Maven build it first and put it on this test's classpath.
	 */
	private static Path runnableJar() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> entry.matches(".*demo-user-service-[^/]*-exec\\.jar"))
			.map(Path::of)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("demo-user-service's -exec.jar is not on the classpath"));
	}

}

package io.github.microservicestarter.demo.user;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import io.github.microservicestarter.test.AppProcess;

/**
 * The user service in a JVM of its own, started from this test's classpath with a heap of its
 * own size, for what only a process has: kill -9, SIGTERM, resident memory and its log.
 */
final class UserServiceProcess implements AutoCloseable {

	private final AppProcess process;

	private UserServiceProcess(AppProcess process) {
		this.process = process;
	}

	/**
	 * Starts the service on free ports and waits until it serves.
	 * @param heap the JVM's maximum heap, such as 256m
	 * @param log where its output goes
	 * @param arguments its arguments besides the ports: the data directory or the datasource
	 * @return the running service
	 */
	static UserServiceProcess start(String heap, Path log, List<String> arguments) throws Exception {
		List<String> jvmOptions = new ArrayList<>(AppProcess.QUICK_START);
		jvmOptions.add("-Xmx" + heap);
		return start(jvmOptions, log, arguments);
	}

	/**
	 * Starts the service on free ports with the given JVM options and waits until it serves.
	 * @param jvmOptions the JVM's options
	 * @param log where its output goes
	 * @param arguments its arguments besides the ports: the data directory or the datasource
	 * @return the running service
	 */
	static UserServiceProcess start(List<String> jvmOptions, Path log, List<String> arguments) throws Exception {
		List<String> all = new ArrayList<>(List.of("--microservice.app-port=0", "--server.port=0"));
		all.addAll(arguments);
		return new UserServiceProcess(AppProcess.startMain(jvmOptions, UserServiceApplication.class.getName(), all,
				AppProcess.SERVES_GRPC, log));
	}

	/**
	 * Starts the service on an embedded H2 database in the given directory.
	 * @param dataDir the database's directory
	 * @param log where its output goes
	 * @return the running service
	 */
	static UserServiceProcess onH2(Path dataDir, Path log) throws Exception {
		return start("256m", log, List.of("--user-service.data-dir=" + dataDir));
	}

	/**
	 * Starts the service on a PostgreSQL database.
	 * @param jdbcUrl the database's URL
	 * @param log where its output goes
	 * @return the running service
	 */
	static UserServiceProcess onPostgres(String jdbcUrl, Path log) throws Exception {
		return start("256m", log, List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
				"--spring.datasource.password="));
	}

	int port() {
		return this.process.port();
	}

	AppProcess process() {
		return this.process;
	}

	/** A plaintext channel to the service, for the caller to shut down. */
	ManagedChannel channel() {
		return ManagedChannelBuilder.forAddress("localhost", port()).usePlaintext().build();
	}

	/** Kills the process at once, as {@code kill -9} does. */
	void kill() throws InterruptedException {
		this.process.kill();
	}

	/**
	 * Stops the process as SIGTERM does.
	 * @return how long it took to exit, or null when it had to be killed
	 */
	Duration terminate() throws InterruptedException {
		return this.process.terminate(Duration.ofSeconds(60));
	}

	@Override
	public void close() throws InterruptedException {
		this.process.close();
	}

}

package io.github.microservicestarter.demo.user;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A throw-away PostgreSQL server from the binaries of Debian's postgresql package: a new cluster
 * in a temporary directory, on a free loopback port, stopped and deleted on close. PostgreSQL
 * refuses to run as root, so as root it runs as the package's postgres user.
 */
final class LocalPostgres implements AutoCloseable {

	private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");

	private final Path bin;

	private final Path dir;

	private final int port;

	private Process server;

	private LocalPostgres(Path bin, Path dir, int port) {
		this.bin = bin;
		this.dir = dir;
		this.port = port;
	}

	/** The bin directory of the newest PostgreSQL installed, such as /usr/lib/postgresql/15/bin. */
	static Optional<Path> findBinaries() throws IOException {
		if (!Files.isDirectory(INSTALLATIONS)) {
			return Optional.empty();
		}
		try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb"))
						&& Files.isExecutable(bin.resolve("postgres")))
				.max(Comparator.comparing((bin) -> versionNumber(bin.getParent())));
		}
	}

	/**
	 * Starts a server from the postgresql package. Skips the test where the package is missing,
	 * except in CI (the CI variable set), which must install it.
	 * @return the running server
	 */
	static LocalPostgres startOrSkip() throws Exception {
		Optional<Path> binaries = findBinaries();
		if (binaries.isEmpty()) {
			String missing = "no PostgreSQL under /usr/lib/postgresql/*/bin: install the postgresql package";
			assumeTrue(System.getenv("CI") != null, missing);
			fail(missing);
		}
		return start(binaries.get());
	}

	/** Creates a cluster and starts a server on it, ready for connections. */
	static LocalPostgres start(Path bin) throws Exception {
		Path dir = Files.createTempDirectory("users-postgres-");
		if (isRoot()) {
			UserPrincipal postgres = dir.getFileSystem()
				.getUserPrincipalLookupService()
				.lookupPrincipalByName("postgres");
			Files.setOwner(dir, postgres);
		}
		run(bin, dir, "initdb", "--pgdata=" + dir.resolve("data"), "--username=postgres", "--auth=trust",
				"--encoding=UTF8", "--no-sync");
		LocalPostgres postgres = new LocalPostgres(bin, dir, freePort());
		try {
			postgres.launch();
		}
		catch (RuntimeException ex) {
			postgres.close();
			throw ex;
		}
		return postgres;
	}

	/** Starts the server on the cluster and waits until it takes connections. */
	private void launch() throws IOException {
		Path log = this.dir.resolve("server.log");
		Process server = new ProcessBuilder(command(this.bin, "postgres", "-D", this.dir.resolve("data").toString(),
				"-p", Integer.toString(this.port), "-h", "127.0.0.1", "-k", this.dir.toString(), "-c", "fsync=off"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		this.server = server;
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			if (!server.isAlive()) {
				throw new IllegalStateException("PostgreSQL exited:\n" + Files.readString(log));
			}
			try (var connection = DriverManager.getConnection(jdbcUrl(), "postgres", "")) {
				return connection.isValid(1);
			}
		});
	}

	/** Stops the server, as an operator does (pg_ctl stop, fast mode: connections are cut). */
	void stop() throws Exception {
		run(this.bin, this.dir, "pg_ctl", "stop", "--pgdata=" + this.dir.resolve("data"), "--mode=fast");
		this.server.waitFor(30, TimeUnit.SECONDS);
	}

	/** Starts the stopped server again, on the same data and port. */
	void restart() throws IOException {
		launch();
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:%d/postgres".formatted(this.port);
	}

	@Override
	public void close() throws Exception {
		try {
			if (this.server != null && this.server.isAlive()) {
				run(this.bin, this.dir, "pg_ctl", "stop", "--pgdata=" + this.dir.resolve("data"), "--mode=fast");
				this.server.waitFor(30, TimeUnit.SECONDS);
			}
		}
		finally {
			if (this.server != null) {
				this.server.destroyForcibly();
			}
			FileSystemUtils.deleteRecursively(this.dir);
		}
	}

	/** Runs a PostgreSQL program to its end, with its output in the exception if it fails. */
	private static void run(Path bin, Path dir, String program, String... arguments) throws Exception {
		Path output = Files.createTempFile(program, ".log");
		try {
			Process process = new ProcessBuilder(command(bin, program, arguments)).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(program + " failed:\n" + Files.readString(output));
			}
		}
		finally {
			Files.delete(output);
		}
	}

	/** The command line of a PostgreSQL program, run as the postgres user when we are root. */
	private static List<String> command(Path bin, String program, String... arguments) {
		List<String> command = new ArrayList<>();
		if (isRoot()) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.add(bin.resolve(program).toString());
		command.addAll(Arrays.asList(arguments));
		return command;
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static int versionNumber(Path installation) {
		String name = installation.getFileName().toString();
		return name.matches("\\d+") ? Integer.parseInt(name) : 0;
	}

}

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

import static org.awaitility.Awaitility.await;

/**
 * A throw-away PostgreSQL server from the binaries of Debian's postgresql package: a new cluster
 * in a temporary directory, on a free loopback port, stopped and deleted on close. PostgreSQL
 * refuses to run as root, so as root it runs as the package's postgres user.
 */
final class LocalPostgres implements AutoCloseable {

	private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");

	private final Path bin;

	private final Path dir;

	private final Process server;

	private final int port;

	private LocalPostgres(Path bin, Path dir, Process server, int port) {
		this.bin = bin;
		this.dir = dir;
		this.server = server;
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

	/** Creates a cluster and starts a server on it, ready for connections. */
	static LocalPostgres start(Path bin) throws Exception {
		Path dir = Files.createTempDirectory("users-postgres-");
		if (isRoot()) {
			UserPrincipal postgres = dir.getFileSystem()
				.getUserPrincipalLookupService()
				.lookupPrincipalByName("postgres");
			Files.setOwner(dir, postgres);
		}
		Path data = dir.resolve("data");
		Path log = dir.resolve("server.log");
		run(bin, dir, "initdb", "--pgdata=" + data, "--username=postgres", "--auth=trust", "--encoding=UTF8",
				"--no-sync");
		int port = freePort();
		Process server = new ProcessBuilder(command(bin, "postgres", "-D", data.toString(), "-p",
				Integer.toString(port), "-h", "127.0.0.1", "-k", dir.toString(), "-c", "fsync=off"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		LocalPostgres postgres = new LocalPostgres(bin, dir, server, port);
		try {
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
				if (!server.isAlive()) {
					throw new IllegalStateException("PostgreSQL exited:\n" + Files.readString(log));
				}
				try (var connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "")) {
					return connection.isValid(1);
				}
			});
		}
		catch (RuntimeException ex) {
			postgres.close();
			throw ex;
		}
		return postgres;
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:%d/postgres".formatted(this.port);
	}

	@Override
	public void close() throws Exception {
		try {
			if (this.server.isAlive()) {
				run(this.bin, this.dir, "pg_ctl", "stop", "--pgdata=" + this.dir.resolve("data"), "--mode=fast");
				this.server.waitFor(30, TimeUnit.SECONDS);
			}
		}
		finally {
			this.server.destroyForcibly();
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

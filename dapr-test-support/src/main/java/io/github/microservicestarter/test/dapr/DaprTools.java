package io.github.microservicestarter.test.dapr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * Where the Dapr test tools are: daprd and grpcurl as {@code scripts/install-dapr} builds them
 * (into {@code $MICROSERVICE_TOOLS_DIR}, by default {@code ~/.cache/microservice-starter/tools}),
 * and the repository's {@code dapr/} components and configuration.
 * <p>
 * A missing tool fails the test under CI ({@code CI=true}), where the tools must be there; on a
 * developer's machine it skips the test, saying what to run.
 */
public final class DaprTools {

	/** The script that builds the tools, relative to the repository's root. */
	private static final String INSTALL_SCRIPT = "scripts/install-dapr";

	private static final Pattern DAPR_VERSION = Pattern.compile("(?m)^DAPR_VERSION=(\\S+)$");

	private DaprTools() {
	}

	/**
	 * The daprd that {@code scripts/install-dapr} builds, at the version it pins.
	 * @return its path
	 */
	public static Path daprd() {
		String version = daprVersion();
		return require(toolsDirectory().resolve("dapr-" + version).resolve("daprd"), "daprd " + version);
	}

	/**
	 * grpcurl, as {@code scripts/install-dapr} builds it.
	 * @return its path
	 */
	public static Path grpcurl() {
		return require(toolsDirectory().resolve("bin").resolve("grpcurl"), "grpcurl");
	}

	/**
	 * The components every daprd of the tests loads: {@code dapr/components} (in-memory pub/sub
	 * {@code pubsub} with its retry policy, state store {@code statestore}, cron binding
	 * {@code storage} every second).
	 * @return the directory
	 */
	static Path components() {
		return projectDirectory().resolve("dapr").resolve("components");
	}

	/**
	 * daprd's configuration, {@code dapr/config.yaml}: name resolution by a SQLite file relative to
	 * daprd's working directory.
	 * @return the file
	 */
	public static Path configuration() {
		return projectDirectory().resolve("dapr").resolve("config.yaml");
	}

	/**
	 * The repository's root: the nearest directory, from the working directory up, that holds
	 * {@code scripts/install-dapr}. Maven runs each module's tests in the module's directory.
	 * @return the directory
	 */
	public static Path projectDirectory() {
		Path start = Path.of("").toAbsolutePath();
		for (Path directory = start; directory != null; directory = directory.getParent()) {
			if (Files.isRegularFile(directory.resolve(INSTALL_SCRIPT))) {
				return directory;
			}
		}
		throw new IllegalStateException("No " + INSTALL_SCRIPT + " in " + start + " or above: run the tests from"
				+ " within the microservice-starter repository");
	}

	/**
	 * The Dapr version {@code scripts/install-dapr} pins, read from the script so that the tests
	 * look for the daprd it builds.
	 * @return the version, such as 1.18.2
	 */
	static String daprVersion() {
		Path script = projectDirectory().resolve(INSTALL_SCRIPT);
		try {
			Matcher version = DAPR_VERSION.matcher(Files.readString(script));
			if (!version.find()) {
				throw new IllegalStateException(script + " sets no DAPR_VERSION");
			}
			return version.group(1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path toolsDirectory() {
		String configured = System.getenv("MICROSERVICE_TOOLS_DIR");
		if (configured != null && !configured.isEmpty()) {
			return Path.of(configured);
		}
		return Path.of(System.getProperty("user.home"), ".cache", "microservice-starter", "tools");
	}

	private static Path require(Path tool, String name) {
		if (Files.isExecutable(tool)) {
			return tool;
		}
		String message = "%s is not at %s: run %s (scripts/install-test-tools runs it) to build it".formatted(name,
				tool, INSTALL_SCRIPT);
		if ("true".equals(System.getenv("CI"))) {
			throw new AssertionError(message + "; under CI (CI=true) the Dapr tests must run, not be skipped");
		}
		// Said here too: Maven's console counts a test class skipped in @BeforeAll as 0 tests run,
		// without the reason.
		System.err.println("Skipped: " + message);
		return Assumptions.abort(message);
	}

}

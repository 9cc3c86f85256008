package io.github.microservicestarter.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real validator the deployment tests run: a program from Debian's packages, or one that
 * scripts/install-test-tools installs in the tools cache. When it is missing, the test fails under
 * CI (CI is set) and is skipped on a developer's machine, with a message naming the script.
 *
 * @param name what it is, for messages
 * @param executable where it is
 */
record Validator(String name, Path executable) {

	private static final String INSTALL = "scripts/install-test-tools";

	/** The tools cache of scripts/install-dapr and scripts/install-deploy-validators. */
	static Path toolsDirectory() {
		String configured = System.getenv("MICROSERVICE_TOOLS_DIR");
		return (configured != null) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".cache", "microservice-starter", "tools");
	}

	/**
	 * A version pinned in one of the install scripts.
	 * @param script the script, from the repository's root
	 * @param variable the variable that holds it
	 * @return its value
	 */
	static String pinnedVersion(String script, String variable) {
		Matcher matcher = Pattern.compile("(?m)^" + variable + "=(\\S+)$").matcher(RepositoryFiles.read(script));
		if (!matcher.find()) {
			throw new IllegalStateException(script + " pins no " + variable);
		}
		return matcher.group(1);
	}

	/**
	 * The validator, present: else the test fails under CI and is skipped elsewhere.
	 * @param name what it is
	 * @param executable where it is
	 * @return the validator
	 */
	static Validator require(String name, Path executable) {
		if (!Files.isExecutable(executable)) {
			missing(name, executable);
		}
		return new Validator(name, executable);
	}

	/**
	 * A file a validator reads, present: else the test fails under CI and is skipped elsewhere.
	 * @param name what it is
	 * @param file where it is
	 * @return the file
	 */
	static Path requireFile(String name, Path file) {
		if (!Files.isRegularFile(file)) {
			missing(name, file);
		}
		return file;
	}

	private static void missing(String name, Path path) {
		String missing = name + " is not at " + path + ": " + INSTALL + " installs it";
		if (System.getenv("CI") != null) {
			Assertions.fail(missing);
		}
		System.out.println("Skipped: " + missing);
		Assumptions.abort(missing);
	}

	/**
	 * Runs it from the repository's root.
	 * @param arguments its arguments
	 * @return what it printed, stdout and stderr together, and its exit status
	 */
	Result run(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).directory(RepositoryFiles.path("").toFile())
				.redirectErrorStream(true)
				.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(this.name + " did not finish in two minutes: " + output);
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What a run gave.
	 * @param status the exit status
	 * @param output stdout and stderr
	 */
	record Result(int status, String output) {
	}

}

package io.github.microservicestarter.demo.summator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.rpc.Status;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's Python 3 with grpcio and grpc_tools, running the scripts of clients/python.
 */
final class DebianPython {

	private static final String PYTHON = "/usr/bin/python3";

	/** The scripts, from the module directory Maven runs tests in. */
	private static final Path CLIENT_DIR = Path.of(System.getProperty("repository.root"), "clients", "python");

	private static final Path STUBS_DIR = Path.of("target/python-stubs");

	private static final long TIMEOUT_SECONDS = 120;

	private DebianPython() {
	}

	/**
	 * Checks that Debian's python3-grpcio and python3-grpc-tools are installed. Without them the
	 * calling test is skipped, except on CI (environment variable CI set), where it fails.
	 */
	static void requireGrpc() throws Exception {
		boolean installed;
		try {
			installed = run(List.of(PYTHON, "-c", "import grpc, grpc_tools.protoc")).exitCode() == 0;
		}
		catch (IOException ex) {
			installed = false;
		}
		String missing = "Debian's python3-grpcio and python3-grpc-tools are not installed: run scripts/install-test-tools";
		if (!installed && System.getenv("CI") != null) {
			Assertions.fail(missing);
		}
		Assumptions.assumeTrue(installed, missing);
	}

	/**
	 * Generates the demos' stubs into target/python-stubs, taking google/rpc/status.proto from
	 * the proto-google-common-protos jar on this test's classpath.
	 */
	static void generateStubs() throws Exception {
		FileSystemUtils.deleteRecursively(STUBS_DIR);
		Path commonProtosJar = Path.of(Status.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Result result = run(List.of(PYTHON, CLIENT_DIR.resolve("generate_stubs.py").toString(), STUBS_DIR.toString(),
				"--common-protos-jar", commonProtosJar.toString()));
		Assertions.assertEquals(0, result.exitCode(), () -> "Generating the Python stubs failed:\n" + result.output());
	}

	/**
	 * Runs the demo client with the stubs and the given arguments.
	 * @param arguments the client's arguments, such as --summator localhost:50052
	 * @return how it exited and what it printed
	 */
	static Result runDemoClient(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of(PYTHON, CLIENT_DIR.resolve("demo_client.py").toString(),
				"--stubs", STUBS_DIR.toString()));
		command.addAll(List.of(arguments));
		return run(command);
	}

	private static Result run(List<String> command) throws IOException, InterruptedException {
		// Output goes to a file: a pipe that nobody reads while the process runs can fill and block it.
		Path output = Files.createTempFile("python-", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				Assertions.fail(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s:\n"
						+ Files.readString(output, StandardCharsets.UTF_8));
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.delete(output);
		}
	}

	/**
	 * How a Python script exited and what it printed.
	 * @param exitCode its exit code
	 * @param output its standard output and error
	 */
	record Result(int exitCode, String output) {

		List<String> lines() {
			return this.output.lines().toList();
		}

	}

}

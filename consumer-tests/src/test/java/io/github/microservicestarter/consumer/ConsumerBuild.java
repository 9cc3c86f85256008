package io.github.microservicestarter.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * One of the consumer builds of the quick start's app (a project in {@code src/it}), as
 * maven-invoker-plugin left it in {@code target/it}.
 *
 * @param name the project's directory
 */
record ConsumerBuild(String name) {

	static final ConsumerBuild STARTER_ALONE = new ConsumerBuild("quick-start");

	static final ConsumerBuild WITH_BOM = new ConsumerBuild("quick-start-with-bom");

	static final ConsumerBuild OLDER_GRPC_LIBRARY_FIRST = new ConsumerBuild("older-grpc-library-first");

	static final ConsumerBuild OLDER_GRPC_LIBRARY_FIRST_WITH_BOM = new ConsumerBuild("older-grpc-library-first-with-bom");

	static final ConsumerBuild OLDER_GRPC_OVERRIDE = new ConsumerBuild("older-grpc-override");

	static final ConsumerBuild BOOT4_STARTER_ALONE = new ConsumerBuild("boot4-quick-start");

	/** The project as the build used it: filtered by invoker, so with this build's version. */
	Path project() {
		return Path.of(System.getProperty("consumer.builds"), this.name);
	}

	/** The runnable jar the build made. */
	Path jar() {
		return project().resolve("target/greeting-0.0.1-SNAPSHOT.jar");
	}

	/** What the build printed. */
	String buildLog() throws IOException {
		return Files.readString(project().resolve("build.log"));
	}

	/** The names of the jars packed in the runnable jar, as {@code grpc-api-1.85.1.jar}. */
	List<String> libraries() throws IOException {
		if (!Files.isRegularFile(jar())) {
			throw new IllegalStateException("No " + jar() + ": the consumer build failed, see its build.log");
		}
		try (JarFile jar = new JarFile(jar().toFile())) {
			return Collections.list(jar.entries())
				.stream()
				.map(JarEntry::getName)
				.filter((name) -> name.startsWith("BOOT-INF/lib/"))
				.map((name) -> name.substring("BOOT-INF/lib/".length()))
				.toList();
		}
	}

}

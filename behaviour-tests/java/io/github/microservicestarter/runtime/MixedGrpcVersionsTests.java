package io.github.microservicestarter.runtime;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

import io.grpc.internal.GrpcUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An app whose class path mixes grpc-java versions stops before its context starts, with a report
 * naming the jars and the BOM; one version alone starts. The older grpc-api is the one net.devh's
 * starter was built with, copied by the build into {@code target/older-grpc}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MixedGrpcVersionsTests {

	private static final Path OLDER_GRPC_API = Path.of("target/older-grpc/grpc-api-1.63.0.jar");

	@Test
	void mixedVersionsFailTheStartNamingTheJarsAndTheBom(CapturedOutput output) throws IOException {
		try (URLClassLoader mixed = new URLClassLoader(new URL[] { OLDER_GRPC_API.toUri().toURL() },
				getClass().getClassLoader())) {
			assertThatException().isThrownBy(() -> run(mixed));
		}
		assertThat(output).contains("APPLICATION FAILED TO START",
				"The class path holds grpc-java jars of 2 versions, which cannot run together:",
				"1.63.0: grpc-api-1.63.0.jar", "grpc-core-1.85.1.jar", "<artifactId>microservice-bom</artifactId>",
				"<scope>import</scope>");
		assertThat(output).doesNotContain("\tat ");
	}

	@Test
	void oneVersionFindsEveryGrpcJarAndPasses() {
		List<GrpcJar> jars = GrpcJars.find(getClass().getClassLoader());
		assertThat(jars).extracting(GrpcJar::module).contains("io.grpc", "io.grpc.internal", "io.grpc.netty.shaded");
		assertThat(jars).extracting(GrpcJar::version).containsOnly(GrpcUtil.IMPLEMENTATION_VERSION);
		GrpcVersionCheck.check(jars);
	}

	@Test
	void jarNamesComeFromPlainAndNestedJarUrls() {
		assertThat(GrpcJars.fileName("jar:file:/m2/io/grpc/grpc-api/1.63.0/grpc-api-1.63.0.jar!/META-INF/MANIFEST.MF"))
			.isEqualTo("grpc-api-1.63.0.jar");
		assertThat(GrpcJars.fileName("jar:nested:/app/app.jar/!BOOT-INF/lib/grpc-core-1.85.1.jar!/META-INF/MANIFEST.MF"))
			.isEqualTo("grpc-core-1.85.1.jar");
	}

	private static void run(ClassLoader classLoader) {
		SpringApplication application = new SpringApplication(App.class);
		application.setResourceLoader(new DefaultResourceLoader(classLoader));
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run("--microservice.app-port=0");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}

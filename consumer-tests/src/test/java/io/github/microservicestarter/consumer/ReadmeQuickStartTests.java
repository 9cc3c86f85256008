package io.github.microservicestarter.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start is the consumer build's app, file for file, and its build block uses
 * the versions this build tests with.
 */
class ReadmeQuickStartTests {


	@Test
	void readmeShowsTheSampleAppsFilesVerbatim() throws IOException {
		String readme = Files.readString(Path.of(System.getProperty("readme")));
		for (String file : new String[] { "pom.xml", "src/main/proto/greeting.proto",
				"src/main/resources/application.yml", "src/main/java/com/example/greeting/GreetingService.java",
				"src/main/java/com/example/greeting/GreetingEvents.java" }) {
			assertThat(readme).as("README shows %s", file).contains(sample(file));
		}
	}

	@Test
	void readmeShowsTheBomImportOfTheBomBuild() throws IOException {
		String readme = Files.readString(Path.of(System.getProperty("readme")));
		Matcher bomImport = Pattern.compile("(?s)  <dependencyManagement>.*?</dependencyManagement>\n")
			.matcher(Files.readString(ConsumerBuild.WITH_BOM.project().resolve("pom.xml")));
		assertThat(bomImport.find()).isTrue();
		assertThat(readme).contains(bomImport.group());
	}

	@Test
	void sampleBuildUsesTheVersionsThisBuildTests() throws IOException {
		String pom = sample("pom.xml");
		assertThat(pom).contains("<version>" + SpringBootVersion.getVersion() + "</version>",
				"<version>" + System.getProperty("protobuf-maven-plugin.version") + "</version>",
				"<protoc>" + System.getProperty("protobuf.version") + "</protoc>",
				"<version>" + System.getProperty("protoc-gen-grpc-java.version") + "</version>");
	}

	private static String sample(String file) throws IOException {
		return Files.readString(ConsumerBuild.STARTER_ALONE.project().resolve(file));
	}

}

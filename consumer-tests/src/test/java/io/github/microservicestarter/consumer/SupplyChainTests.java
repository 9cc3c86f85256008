package io.github.microservicestarter.consumer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every library the starters and the demos ship, as their CycloneDX SBOMs list them, is checked
 * against the known vulnerabilities of {@code security/advisories.json}, offline.
 */
class SupplyChainTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Path ROOT = Path.of(System.getProperty("repository.root"));

	@ParameterizedTest
	@ValueSource(strings = { "starter", "boot4/starter", "demo-user-service", "demo-summator",
			"boot4/demo-user-service", "boot4/demo-summator" })
	void noLibraryShippedHasAKnownVulnerability(String module) throws IOException {
		Path file = ROOT.resolve(module).resolve("target/classes/META-INF/sbom/application.cdx.json");
		JsonNode sbom = JSON.readTree(file.toFile());
		assertThat(sbom.path("components")).as("the SBOM of %s", module).isNotEmpty();
		assertThat(vulnerabilities(sbom)).as("known vulnerabilities in %s", module).isEmpty();
	}

	@Test
	void checkFindsTheVulnerabilitiesOfOlderVersions() throws IOException {
		JsonNode sbom = JSON.readTree("""
				{ "components": [
				  { "group": "io.grpc", "name": "grpc-netty-shaded", "version": "1.57.1" },
				  { "group": "io.grpc", "name": "grpc-netty-shaded", "version": "1.57.2" },
				  { "group": "com.google.protobuf", "name": "protobuf-java", "version": "4.28.1" },
				  { "group": "org.yaml", "name": "snakeyaml", "version": "1.33" },
				  { "group": "org.yaml", "name": "snakeyaml", "version": "2.4" } ] }
				""");
		assertThat(vulnerabilities(sbom)).containsExactly("CVE-2023-44487 io.grpc:grpc-netty-shaded:1.57.1",
				"CVE-2024-7254 com.google.protobuf:protobuf-java:4.28.1", "CVE-2022-1471 org.yaml:snakeyaml:1.33");
	}

	/** The advisories each component of the SBOM falls under, as "id group:name:version". */
	private static List<String> vulnerabilities(JsonNode sbom) throws IOException {
		JsonNode advisories = JSON.readTree(ROOT.resolve("security/advisories.json").toFile()).path("advisories");
		List<String> found = new ArrayList<>();
		for (JsonNode component : sbom.path("components")) {
			String coordinates = component.path("group").asText() + ":" + component.path("name").asText();
			ComparableVersion version = new ComparableVersion(component.path("version").asText());
			for (JsonNode advisory : advisories) {
				boolean named = StreamSupport.stream(advisory.path("packages").spliterator(), false)
					.anyMatch((name) -> name.asText().equals(coordinates));
				if (named && affected(version, advisory.path("ranges"))) {
					found.add(advisory.path("id").asText() + " " + coordinates + ":" + version);
				}
			}
		}
		return found;
	}

	private static boolean affected(ComparableVersion version, JsonNode ranges) {
		for (JsonNode range : ranges) {
			String introduced = range.path("introduced").asText();
			boolean fromIntroduced = introduced.isEmpty() || version.compareTo(new ComparableVersion(introduced)) >= 0;
			if (fromIntroduced && version.compareTo(new ComparableVersion(range.path("fixed").asText())) < 0) {
				return true;
			}
		}
		return false;
	}

}

package io.github.microservicestarter.deployment;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.microservicestarter.deployment.Validator.Result;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files through real validators: daprd parses every line of dapr/sidecar-flags,
 * promtool checks the Prometheus configurations, docker-compose (Debian's 1.29) checks
 * docker-compose.yml and its .env, kustomize builds deploy/kubernetes/ and kubernetes-validate
 * checks every built-in resource against Kubernetes' schemas, strictly, and the Dapr resources
 * of every deployment are checked against the schemas of Dapr's own CRDs.
 */
class ValidatorTests {

	/** The Kubernetes version the manifests are validated for. */
	private static final String KUBERNETES_VERSION = "1.32.0";

	private static final String DAPR_VERSION = Validator.pinnedVersion("scripts/install-dapr", "DAPR_VERSION");

	@Test
	void daprdAcceptsEveryLineOfSidecarFlags() {
		Validator daprd = Validator.require("daprd " + DAPR_VERSION,
				Validator.toolsDirectory().resolve("dapr-" + DAPR_VERSION).resolve("daprd"));
		for (SidecarFlags line : SidecarFlags.read().values()) {
			List<String> arguments = new ArrayList<>(line.tokens());
			// Parses every flag, then prints the version and stops: nothing starts.
			arguments.add("--version");
			Result result = daprd.run(arguments.toArray(String[]::new));
			assertThat(result.status()).as("daprd %s: %s", line.tokens(), result.output()).isZero();
			assertThat(result.output().strip()).isEqualTo(DAPR_VERSION);
		}
	}

	@Test
	void promtoolAcceptsThePrometheusConfigurations() {
		Validator promtool = Validator.require("promtool (Debian's prometheus)", Path.of("/usr/bin/promtool"));
		for (String file : List.of("dashboards/prometheus.yml", "deploy/compose/prometheus.yml")) {
			Result result = promtool.run("check", "config", file);
			assertThat(result.status()).as("promtool check config %s: %s", file, result.output()).isZero();
		}
	}

	@Test
	void dockerComposeAcceptsTheComposeFileWithItsEnvironment() {
		Validator compose = Validator.require("docker-compose (Debian's)", Path.of("/usr/bin/docker-compose"));
		Result result = compose.run("--project-directory", ".", "--file", "docker-compose.yml", "config", "--quiet");
		assertThat(result.status()).as("docker-compose config: %s", result.output()).isZero();
		assertThat(result.output()).as("docker-compose config's warnings").isBlank();
	}

	@Test
	void kubernetesManifestsBuildAndMatchKubernetesSchemas() throws IOException {
		Path built = kustomizeBuild();
		Validator validate = Validator.require("kubernetes-validate", kubernetesValidate("kubernetes-validate"));
		Result result = validate.run("--strict", "--kubernetes-version", KUBERNETES_VERSION, built.toString());
		assertThat(result.status()).as("kubernetes-validate: %s", result.output()).isZero();
		// Custom resources have no schema there: they are checked against their CRDs below (Dapr's),
		// or by KubernetesTests alone (the PodMonitor).
		List<String> unchecked = result.output()
			.lines()
			.filter((line) -> line.contains("Couldn't find schema"))
			.map((line) -> line.replaceAll(".*for kind (\\S+) with api version (\\S+).*", "$2 $1"))
			.distinct()
			.toList();
		assertThat(unchecked).containsExactlyInAnyOrder("dapr.io/v1alpha1 Component", "dapr.io/v1alpha1 Configuration",
				"dapr.io/v1alpha1 Resiliency", "monitoring.coreos.com/v1 PodMonitor");
	}

	@Test
	void daprResourcesOfEveryDeploymentMatchDaprsCrds() throws IOException {
		Path crds = daprCrds();
		Validator python = Validator.require("kubernetes-validate's Python", kubernetesValidate("python"));
		List<String> files = new ArrayList<>();
		files.add(kustomizeBuild().toString());
		try (Stream<Path> components = Files.list(RepositoryFiles.path("dapr/components"))) {
			components.map(Path::toString).sorted().forEach(files::add);
		}
		files.addAll(List.of("dapr/config.yaml", "deploy/compose/dapr-config.yaml", "deploy/compose/pubsub.yaml"));
		List<String> arguments = new ArrayList<>(List.of("deployment-tests/src/test/python/validate_dapr_resources.py",
				crds.toString()));
		arguments.addAll(files);
		Result result = python.run(arguments.toArray(String[]::new));
		assertThat(result.status()).as("Dapr resources against Dapr's CRDs: %s", result.output()).isZero();
		assertThat(result.output().lines().filter((line) -> line.startsWith("ok "))).hasSizeGreaterThanOrEqualTo(9);
	}

	private static Path kubernetesValidate(String program) {
		String version = Validator.pinnedVersion("scripts/install-deploy-validators", "KUBERNETES_VALIDATE_VERSION");
		return Validator.toolsDirectory().resolve("kubernetes-validate-" + version).resolve("bin").resolve(program);
	}

	/** deploy/kubernetes/ as kustomize builds it, in a file of the build's. */
	private static Path kustomizeBuild() throws IOException {
		Validator kustomize = Validator.require("kustomize", Validator.toolsDirectory().resolve("bin").resolve("kustomize"));
		Result result = kustomize.run("build", KubernetesManifests.DIRECTORY);
		assertThat(result.status()).as("kustomize build: %s", result.output()).isZero();
		Path built = RepositoryFiles.path("deployment-tests/target/kubernetes.yaml");
		Files.writeString(built, result.output());
		return built;
	}

	/** The CRDs of the Dapr module daprd is built from, in Go's module cache. */
	private static Path daprCrds() {
		Validator go = Validator.require("go", goExecutable());
		String modules = go.run("env", "GOMODCACHE").output().strip();
		Path crds = Path.of(modules, "github.com", "dapr", "dapr@v" + DAPR_VERSION, "charts", "dapr", "crds");
		Validator.requireFile("Dapr " + DAPR_VERSION + "'s CRDs (from the module scripts/install-dapr builds daprd of)",
				crds.resolve("components.yaml"));
		return crds;
	}

	private static Path goExecutable() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "go");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return Path.of("/usr/local/go/bin/go");
	}

}

package io.github.microservicestarter.deployment;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static io.github.microservicestarter.deployment.KubernetesManifests.containers;
import static io.github.microservicestarter.deployment.KubernetesManifests.literalEnvironment;
import static io.github.microservicestarter.deployment.KubernetesManifests.podTemplate;
import static io.github.microservicestarter.deployment.KubernetesManifests.ports;
import static io.github.microservicestarter.deployment.KubernetesManifests.secretOf;
import static io.github.microservicestarter.deployment.KubernetesManifests.strings;
import static io.github.microservicestarter.deployment.RepositoryFiles.at;
import static io.github.microservicestarter.deployment.RepositoryFiles.list;
import static io.github.microservicestarter.deployment.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes/ against dapr/sidecar-flags, the demos and itself: each demo a Deployment whose
 * Dapr annotations are its line of flags, listening where they say, probed through the gRPC health
 * service it serves without the token, its tokens from the secrets its daprd reads, the components
 * its handlers name, traces to Zipkin, the PodMonitor's scrape of its actuator and sidecar, and
 * the user-service's PostgreSQL through a Secret.
 */
class KubernetesTests {

	/** The Dapr annotations that belong to Kubernetes alone, besides the flags of dapr/sidecar-flags. */
	private static final Set<String> KUBERNETES_DAPR_ANNOTATIONS = Set.of("dapr.io/enabled", "dapr.io/config",
			"dapr.io/app-token-secret", "dapr.io/api-token-secret");

	private static final String HEALTH_SERVICE = "grpc.health.v1.Health";

	private final KubernetesManifests manifests = new KubernetesManifests();

	private final Map<String, SidecarFlags> flags = SidecarFlags.read();

	private Map<String, Object> deployment(String appId) {
		return this.manifests.get("Deployment", appId);
	}

	private static Map<String, String> annotations(Map<String, Object> deployment) {
		return strings(at(podTemplate(deployment), "metadata", "annotations"));
	}

	private Map<String, Object> app(String appId) {
		return containers(deployment(appId)).get(0);
	}

	@Test
	void everyDemoIsADeploymentWhoseDaprAnnotationsAreItsSidecarFlags() {
		this.flags.forEach((appId, line) -> {
			Map<String, String> annotations = annotations(deployment(appId));
			assertThat(annotations).as("the pod annotations of %s", appId)
				.containsAllEntriesOf(line.annotations())
				.containsEntry("dapr.io/enabled", "true");
			Set<String> others = new HashSet<>(annotations.keySet());
			others.removeAll(line.annotations().keySet());
			assertThat(others).as("%s's Dapr annotations besides dapr/sidecar-flags", appId)
				.filteredOn((name) -> name.startsWith("dapr.io/"))
				.isSubsetOf(KUBERNETES_DAPR_ANNOTATIONS);
		});
	}

	@Test
	void appListensOnTheAnnotatedPortAndItsContainerPortsNameIt() {
		this.flags.forEach((appId, line) -> {
			Map<String, Object> container = app(appId);
			Map<String, String> environment = literalEnvironment(container);
			List<String> arguments = list(container.get("args")).stream().map(String::valueOf).toList();
			DemoApp demo = DemoApp.withAppId(appId);
			assertThat(demo.grpcPort(environment, arguments)).as("the gRPC port of %s", appId).isEqualTo(line.appPort());
			assertThat(ports(container)).as("the container ports of %s", appId)
				.containsEntry("grpc", line.appPort())
				.containsEntry("http", demo.httpPort(environment, arguments));
		});
	}

	@Test
	void probesAskTheHealthServiceForWhatTheAppServesAndItAnswersThemWithoutTheToken() {
		this.flags.forEach((appId, line) -> {
			Map<String, Object> container = app(appId);
			Set<String> probed = new HashSet<>(DemoApp.withAppId(appId).services());
			probed.add("");
			// The starter's health service follows the liveness state under this name.
			probed.add("liveness");
			for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
				Map<String, Object> grpc = map(at(container, probe, "grpc"));
				assertThat(grpc).as("%s's %s", appId, probe).containsEntry("port", line.appPort());
				assertThat(probed).as("%s's %s", appId, probe).contains(String.valueOf(grpc.getOrDefault("service", "")));
			}
			assertThat(secretOf(container, "APP_API_TOKEN")).as("%s's APP_API_TOKEN", appId).isNotNull();
			assertThat(literalEnvironment(container).get("MICROSERVICE_SECURITY_OPEN_SERVICES"))
				.as("the services %s answers without the token", appId)
				.isNotNull()
				.satisfies((open) -> assertThat(List.of(open.split(","))).contains(HEALTH_SERVICE));
		});
	}

	@Test
	void appAndDaprdShareTheTokensOfTheSecretsTheAnnotationsName() {
		this.flags.keySet().forEach((appId) -> {
			Map<String, String> annotations = annotations(deployment(appId));
			Map<String, Object> container = app(appId);
			assertThat(secretOf(container, "APP_API_TOKEN")).as("%s's APP_API_TOKEN", appId)
				.containsExactly(annotations.get("dapr.io/app-token-secret"), "token");
			assertThat(secretOf(container, "DAPR_API_TOKEN")).as("%s's DAPR_API_TOKEN", appId)
				.containsExactly(annotations.get("dapr.io/api-token-secret"), "token");
		});
	}

	@Test
	void everySecretKeyAWorkloadReadsExists() {
		List<Map<String, Object>> workloads = new ArrayList<>(this.manifests.ofKind("Deployment"));
		workloads.addAll(this.manifests.ofKind("StatefulSet"));
		for (Map<String, Object> workload : workloads) {
			for (Map<String, Object> container : containers(workload)) {
				for (Object variable : list(container.get("env"))) {
					String[] secret = secretOf(container, String.valueOf(map(variable).get("name")));
					if (secret != null) {
						assertThat(map(this.manifests.get("Secret", secret[0]).get("stringData")))
							.as("Secret %s", secret[0])
							.containsKey(secret[1]);
					}
				}
			}
		}
		for (Map<String, Object> deployment : this.manifests.ofKind("Deployment")) {
			Map<String, String> annotations = annotations(deployment);
			for (String annotation : List.of("dapr.io/app-token-secret", "dapr.io/api-token-secret")) {
				if (annotations.containsKey(annotation)) {
					assertThat(map(this.manifests.get("Secret", annotations.get(annotation)).get("stringData")))
						.containsKey("token");
				}
			}
		}
	}

	@Test
	void componentsTheHandlersNameExist() {
		Set<String> components = new HashSet<>();
		this.manifests.ofKind("Component").forEach((component) -> components.add(String.valueOf(at(component, "metadata", "name"))));
		for (DemoApp demo : DemoApp.ALL) {
			assertThat(components).as("the Components, for %s's handlers", demo.appId()).containsAll(demo.componentsNamed());
		}
		Map<String, Object> pubsub = this.manifests.get("Component", "pubsub");
		assertThat(at(pubsub, "spec", "type")).isEqualTo("pubsub.redis");
		String redisHost = RepositoryFiles.componentMetadata(pubsub, "redisHost");
		assertServicePort(redisHost.split(":")[0], Integer.parseInt(redisHost.split(":")[1]));
	}

	@Test
	void appsAndDaprdsSendTheirSpansToTheZipkinService() {
		for (String appId : this.flags.keySet()) {
			Map<String, Object> configuration = this.manifests.get("Configuration",
					annotations(deployment(appId)).get("dapr.io/config"));
			assertThat(at(configuration, "spec", "tracing", "samplingRate")).isEqualTo("1");
			assertZipkin(String.valueOf(at(configuration, "spec", "tracing", "zipkin", "endpointAddress")));
			assertZipkin(literalEnvironment(app(appId)).get("MANAGEMENT_ZIPKIN_TRACING_ENDPOINT"));
		}
	}

	private void assertZipkin(String endpoint) {
		URI uri = URI.create(endpoint);
		assertServicePort(uri.getHost(), uri.getPort());
		assertThat(uri.getPath()).as(endpoint).isEqualTo("/api/v2/spans");
		assertThat(containers(this.manifests.get("Deployment", uri.getHost())).get(0).get("image").toString())
			.startsWith("openzipkin/zipkin:");
	}

	@Test
	void servicesReachTheDemosPortsByName() {
		this.flags.keySet().forEach((appId) -> {
			Map<String, Object> service = this.manifests.get("Service", appId);
			Map<String, String> podLabels = strings(at(podTemplate(deployment(appId)), "metadata", "labels"));
			assertThat(podLabels).as("%s's pod labels", appId).containsAllEntriesOf(strings(at(service, "spec", "selector")));
			Map<String, Integer> containerPorts = ports(app(appId));
			for (Object port : list(at(service, "spec", "ports"))) {
				String target = String.valueOf(map(port).get("targetPort"));
				assertThat(containerPorts).as("the ports of %s, for Service port %s", appId, port).containsKey(target);
				assertThat(map(port).get("port")).isEqualTo(containerPorts.get(target));
			}
		});
	}

	@Test
	void podMonitorScrapesEveryDemosActuatorAndDaprdAsItsOwnJob() {
		Map<String, Object> podMonitor = this.manifests.ofKind("PodMonitor").get(0);
		Map<String, String> selector = strings(at(podMonitor, "spec", "selector", "matchLabels"));
		String jobLabel = String.valueOf(at(podMonitor, "spec", "jobLabel"));
		List<String> endpoints = list(at(podMonitor, "spec", "podMetricsEndpoints")).stream()
			.map((endpoint) -> map(endpoint).get("port") + map(endpoint).get("path").toString())
			.toList();
		assertThat(endpoints).containsExactlyInAnyOrder("http/actuator/prometheus", "dapr-metrics/");
		for (Map<String, Object> deployment : this.manifests.ofKind("Deployment")) {
			String name = String.valueOf(at(deployment, "metadata", "name"));
			Map<String, String> labels = strings(at(podTemplate(deployment), "metadata", "labels"));
			boolean selected = labels.entrySet().containsAll(selector.entrySet());
			assertThat(selected).as("the PodMonitor selects %s", name).isEqualTo(this.flags.containsKey(name));
			if (selected) {
				assertThat(labels).as("%s's pod labels", name).containsEntry(jobLabel, name);
				assertThat(ports(containers(deployment).get(0))).containsKey("http");
			}
		}
	}

	@Test
	void userServiceKeepsItsUsersInThePostgresOfTheManifestsThroughASecret() {
		Map<String, Object> container = app(DemoApp.USER_SERVICE.appId());
		assertThat(literalEnvironment(container)).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
		String[] url = secretOf(container, "POSTGRES_URL");
		String[] user = secretOf(container, "POSTGRES_USER");
		String[] password = secretOf(container, "POSTGRES_PASSWORD");
		assertThat(url).isNotNull();
		Map<String, Object> secret = map(this.manifests.get("Secret", url[0]).get("stringData"));
		URI jdbc = URI.create(String.valueOf(secret.get(url[1])).substring("jdbc:".length()));
		assertServicePort(jdbc.getHost(), jdbc.getPort());
		Map<String, Object> postgres = containers(this.manifests.get("StatefulSet", jdbc.getHost())).get(0);
		assertThat(secretOf(postgres, "POSTGRES_USER")).isEqualTo(user);
		assertThat(secretOf(postgres, "POSTGRES_PASSWORD")).isEqualTo(password);
		assertThat(jdbc.getPath()).isEqualTo("/" + literalEnvironment(postgres).get("POSTGRES_DB"));
	}

	private void assertServicePort(String name, int port) {
		List<Object> ports = list(at(this.manifests.get("Service", name), "spec", "ports"));
		assertThat(ports.stream().map((entry) -> map(entry).get("port"))).as("Service %s's ports", name).contains(port);
	}

}

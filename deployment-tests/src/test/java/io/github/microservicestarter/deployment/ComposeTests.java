package io.github.microservicestarter.deployment;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static io.github.microservicestarter.deployment.RepositoryFiles.at;
import static io.github.microservicestarter.deployment.RepositoryFiles.list;
import static io.github.microservicestarter.deployment.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml against dapr/sidecar-flags, the demos, the files it mounts and itself: each
 * demo with its daprd in its network namespace on the flags of its line, the ports it listens on,
 * the components its handlers name, the tokens of .env, traces to Zipkin, Prometheus scraping
 * every actuator and sidecar, and Grafana's dashboard with its data source.
 */
class ComposeTests {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)");

	/** daprd's gRPC API port when its command sets none. */
	private static final int DAPRD_GRPC_PORT = 50001;

	/** daprd's HTTP API port when its command sets none. */
	private static final int DAPRD_HTTP_PORT = 3500;

	private final Map<String, Object> services = map(RepositoryFiles.yaml("docker-compose.yml").get("services"));

	private final Map<String, SidecarFlags> flags = SidecarFlags.read();

	private Map<String, Object> service(String name) {
		assertThat(this.services).as("docker-compose.yml's services").containsKey(name);
		return map(this.services.get(name));
	}

	private Map<String, Object> daprd(String appId) {
		return service(appId + "-daprd");
	}

	private static List<String> command(Map<String, Object> service) {
		return list(service.get("command")).stream().map(String::valueOf).toList();
	}

	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, String> environment = new LinkedHashMap<>();
		map(service.get("environment")).forEach((name, value) -> environment.put(name, String.valueOf(value)));
		return environment;
	}

	/** The arguments the app's java command gets: the words after -jar and its jar, in the shell line. */
	private static List<String> javaArguments(Map<String, Object> app) {
		String shell = command(app).get(2);
		String java = shell.substring(shell.lastIndexOf("exec java"));
		List<String> words = List.of(java.split("\\s+"));
		return words.subList(words.indexOf("-jar") + 2, words.size());
	}

	/** The host paths mounted in a service, by the container path, from ./relative sources. */
	private static Map<String, String> mounts(Map<String, Object> service) {
		Map<String, String> mounts = new LinkedHashMap<>();
		for (Object volume : list(service.get("volumes"))) {
			String[] parts = String.valueOf(volume).split(":");
			if (parts[0].startsWith("./")) {
				mounts.put(parts[1], parts[0].substring(2));
			}
		}
		return mounts;
	}

	/** The container path's file as the service sees it: the host file mounted there or in a folder above. */
	private static Path mounted(Map<String, Object> service, String containerPath) {
		Map<String, String> mounts = mounts(service);
		if (mounts.containsKey(containerPath)) {
			return RepositoryFiles.path(mounts.get(containerPath));
		}
		return mounts.entrySet()
			.stream()
			.filter((mount) -> containerPath.startsWith(mount.getKey() + "/"))
			.map((mount) -> RepositoryFiles.path(mount.getValue() + containerPath.substring(mount.getKey().length())))
			.findFirst()
			.orElseThrow(() -> new AssertionError(containerPath + " is not mounted in " + service));
	}

	private static String flag(List<String> command, String name) {
		return command.stream()
			.filter((argument) -> argument.startsWith("--" + name + "="))
			.map((argument) -> argument.substring(name.length() + 3))
			.findFirst()
			.orElse(null);
	}

	@Test
	void everyDemoRunsWithItsDaprdInItsNetworkNamespace() {
		for (String appId : this.flags.keySet()) {
			assertThat(daprd(appId)).as("%s-daprd", appId).containsEntry("network_mode", "service:" + appId);
			DemoApp demo = DemoApp.withAppId(appId);
			assertThat(mounts(service(appId))).as("the jar of service %s", appId)
				.containsEntry("/app", demo.module() + "/target");
		}
	}

	@Test
	void daprdRunsWithItsAppsLineOfSidecarFlagsAndOnlyComposesOwnFlagsBesides() {
		this.flags.forEach((appId, line) -> {
			List<String> command = command(daprd(appId));
			assertThat(command.get(0)).isEqualTo("./daprd");
			assertThat(command).as("%s-daprd's command", appId).containsSubsequence(line.tokens());
			assertThat(line.otherFlags(command)).as("%s-daprd's flags besides dapr/sidecar-flags", appId)
				.containsExactlyInAnyOrder("resources-path", "config");
		});
	}

	@Test
	void appListensOnTheAppPortAndNameOfItsDaprd() {
		this.flags.forEach((appId, line) -> {
			Map<String, Object> app = service(appId);
			DemoApp demo = DemoApp.withAppId(appId);
			assertThat(demo.grpcPort(environment(app), javaArguments(app))).as("the gRPC port of service %s", appId)
				.isEqualTo(line.appPort());
		});
	}

	@Test
	void appCallsItsDaprdWithTheTokensTheyShare() {
		this.flags.keySet().forEach((appId) -> {
			Map<String, String> app = environment(service(appId));
			Map<String, String> daprd = environment(daprd(appId));
			List<String> command = command(daprd(appId));
			String grpcPort = (flag(command, "dapr-grpc-port") != null) ? flag(command, "dapr-grpc-port")
					: String.valueOf(DAPRD_GRPC_PORT);
			assertThat(app).as("service %s's environment", appId).containsEntry("DAPR_GRPC_PORT", grpcPort);
			for (String token : List.of("APP_API_TOKEN", "DAPR_API_TOKEN")) {
				assertThat(app.get(token)).as("%s of %s and its daprd", token, appId).isNotNull().isEqualTo(daprd.get(token));
			}
		});
	}

	@Test
	void everyVariableTheFileUsesIsInDotEnv() {
		Set<String> defined = new HashSet<>();
		for (String line : RepositoryFiles.read(".env").split("\n")) {
			if (!line.startsWith("#") && line.contains("=")) {
				defined.add(line.substring(0, line.indexOf('=')).trim());
			}
		}
		Matcher matcher = VARIABLE.matcher(RepositoryFiles.read("docker-compose.yml"));
		while (matcher.find()) {
			assertThat(defined).as(".env's variables").contains(matcher.group(1));
		}
	}

	@Test
	void publishedPortsAreThoseTheAppAndItsDaprdListenOn() {
		this.flags.forEach((appId, line) -> {
			Map<String, Object> app = service(appId);
			DemoApp demo = DemoApp.withAppId(appId);
			Set<Integer> listening = Set.of(line.appPort(), demo.httpPort(environment(app), javaArguments(app)),
					DAPRD_GRPC_PORT, DAPRD_HTTP_PORT);
			List<Integer> published = list(app.get("ports")).stream()
				.map((port) -> Integer.valueOf(String.valueOf(port).split(":")[1]))
				.toList();
			assertThat(published).as("the container ports service %s publishes", appId)
				.containsExactlyInAnyOrderElementsOf(listening);
		});
	}

	@Test
	void componentsTheHandlersNameAreInTheDaprdsResourcesAndThePubSubCrossesContainers() throws Exception {
		for (String appId : this.flags.keySet()) {
			Map<String, Object> daprd = daprd(appId);
			Path resources = mounted(daprd, flag(command(daprd), "resources-path"));
			Map<String, Map<String, Object>> components = new LinkedHashMap<>();
			try (Stream<Path> files = Files.list(resources)) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".yaml")).toList()) {
					String containerPath = flag(command(daprd), "resources-path") + "/" + file.getFileName();
					Path seen = mounted(daprd, containerPath);
					Map<String, Object> resource = RepositoryFiles.yaml(relative(seen));
					components.put(String.valueOf(at(resource, "metadata", "name")), resource);
				}
			}
			assertThat(components.keySet()).as("the components of %s-daprd", appId)
				.containsAll(DemoApp.withAppId(appId).componentsNamed());
			Map<String, Object> pubsub = components.get("pubsub");
			assertThat(at(pubsub, "spec", "type")).as("the pub/sub of %s-daprd", appId).isEqualTo("pubsub.redis");
			assertThat(RepositoryFiles.componentMetadata(pubsub, "redisHost")).isEqualTo("redis:6379");
			assertThat(String.valueOf(service("redis").get("image"))).startsWith("redis:");
		}
	}

	@Test
	void appsAndDaprdsSendTheirSpansToTheZipkinService() {
		String zipkinImage = String.valueOf(service("zipkin").get("image"));
		assertThat(zipkinImage).startsWith("openzipkin/zipkin:");
		for (String appId : this.flags.keySet()) {
			Map<String, Object> daprd = daprd(appId);
			Path configuration = mounted(daprd, flag(command(daprd), "config"));
			Map<String, Object> config = RepositoryFiles.yaml(relative(configuration));
			assertThat(at(config, "spec", "tracing", "samplingRate")).isEqualTo("1");
			assertZipkin(String.valueOf(at(config, "spec", "tracing", "zipkin", "endpointAddress")));
			assertZipkin(environment(service(appId)).get("MANAGEMENT_ZIPKIN_TRACING_ENDPOINT"));
		}
	}

	private void assertZipkin(String endpoint) {
		URI uri = URI.create(endpoint);
		assertThat(uri.getHost()).as(endpoint).isEqualTo("zipkin");
		assertThat(uri.getPort()).as(endpoint).isEqualTo(9411);
		assertThat(uri.getPath()).as(endpoint).isEqualTo("/api/v2/spans");
	}

	@Test
	void prometheusScrapesEveryActuatorAndEveryDaprdAndNothingElse() {
		Map<String, Object> prometheus = service("prometheus");
		Path config = mounted(prometheus, "/etc/prometheus/prometheus.yml");
		List<String> scraped = new ArrayList<>();
		for (Object job : list(RepositoryFiles.yaml(relative(config)).get("scrape_configs"))) {
			String path = String.valueOf(map(job).getOrDefault("metrics_path", "/metrics"));
			for (Object staticConfig : list(map(job).get("static_configs"))) {
				for (Object target : list(map(staticConfig).get("targets"))) {
					scraped.add(target + path);
				}
			}
		}
		List<String> expected = new ArrayList<>();
		this.flags.forEach((appId, line) -> {
			Map<String, Object> app = service(appId);
			int httpPort = DemoApp.withAppId(appId).httpPort(environment(app), javaArguments(app));
			expected.add(appId + ":" + httpPort + "/actuator/prometheus");
			// daprd serves its metrics on every path of its metrics port.
			expected.add(appId + ":" + line.metricsPort() + "/metrics");
		});
		assertThat(scraped).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void grafanaHasTheDashboardAndTheDataSourceItAsksFor() throws Exception {
		Map<String, Object> grafana = service("grafana");
		Map<String, Object> datasources = RepositoryFiles.yaml(relative(mounted(grafana,
				"/etc/grafana/provisioning/datasources/microservice-starter.yml")));
		Map<String, Object> datasource = map(list(datasources.get("datasources")).get(0));
		assertThat(datasource).containsEntry("type", "prometheus").containsEntry("isDefault", true);
		URI url = URI.create(String.valueOf(datasource.get("url")));
		assertThat(url.getHost()).isEqualTo("prometheus");
		assertThat(url.getPort()).isEqualTo(9090);
		assertThat(list(service("prometheus").get("ports"))).contains("9090:9090");

		Map<String, Object> providers = RepositoryFiles.yaml(relative(mounted(grafana,
				"/etc/grafana/provisioning/dashboards/microservice-starter.yml")));
		String folder = String.valueOf(at(map(list(providers.get("providers")).get(0)), "options", "path"));
		Path dashboardFile = mounted(grafana, folder + "/grpc-microservice.json");
		assertThat(dashboardFile).isEqualTo(RepositoryFiles.path("dashboards/grpc-microservice.json"));

		JsonNode dashboard = new ObjectMapper().readTree(dashboardFile.toFile());
		JsonNode variable = null;
		for (JsonNode candidate : dashboard.at("/templating/list")) {
			if (candidate.path("type").asText().equals("datasource")) {
				variable = candidate;
			}
		}
		assertThat(variable).as("the dashboard's data source variable").isNotNull();
		assertThat(variable.path("query").asText()).isEqualTo(datasource.get("type"));
		Set<String> uids = new HashSet<>();
		dashboard.findValues("datasource").forEach((node) -> uids.add(node.path("uid").asText()));
		assertThat(uids).containsOnly("${" + variable.path("name").asText() + "}");
	}

	@Test
	void everyFileAndFolderMountedFromTheRepositoryIsThere() {
		this.services.forEach((name, service) -> mounts(map(service)).forEach((container, host) -> {
			// Made by the build, or by the demo on its first start.
			if (!host.endsWith("/target") && !host.equals("data")) {
				assertThat(RepositoryFiles.path(host)).as("%s, mounted in %s", host, name).exists();
			}
		}));
	}

	private static String relative(Path path) {
		return RepositoryFiles.path("").relativize(path).toString();
	}

}

package io.github.microservicestarter.deployment;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static io.github.microservicestarter.deployment.RepositoryFiles.at;
import static io.github.microservicestarter.deployment.RepositoryFiles.list;
import static io.github.microservicestarter.deployment.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/cloudrun/ against the demos: a service per demo named by its app id, its one port named
 * h2c and the demo listening on it when Cloud Run sets PORT to it, gRPC probes of services it
 * serves, and the summator calling the user-service at its Cloud Run URL with an ID token for it.
 */
class CloudRunTests {

	/** The placeholders the README's envsubst line fills in, with values of an example project. */
	private static final Map<String, String> PLACEHOLDERS = Map.of("PROJECT_ID", "demo-project", "PROJECT_NUMBER",
			"123456789", "REGION", "europe-west1");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");

	/** The demo's service, its placeholders filled in as envsubst does. */
	private static Map<String, Object> service(DemoApp demo) {
		String file = "deploy/cloudrun/" + demo.appId() + ".yaml";
		Matcher matcher = PLACEHOLDER.matcher(RepositoryFiles.read(file));
		StringBuilder filled = new StringBuilder();
		while (matcher.find()) {
			assertThat(PLACEHOLDERS).as("the placeholders of %s", file).containsKey(matcher.group(1));
			matcher.appendReplacement(filled, PLACEHOLDERS.get(matcher.group(1)));
		}
		matcher.appendTail(filled);
		return map(new Yaml().load(filled.toString()));
	}

	private static Map<String, Object> container(DemoApp demo) {
		List<Object> containers = list(at(service(demo), "spec", "template", "spec", "containers"));
		assertThat(containers).as("the containers of %s", demo.appId()).hasSize(1);
		return map(containers.get(0));
	}

	private static Map<String, String> environment(Map<String, Object> container) {
		Map<String, String> environment = new LinkedHashMap<>();
		list(container.get("env")).forEach((entry) -> environment.put(String.valueOf(map(entry).get("name")),
				String.valueOf(map(entry).get("value"))));
		return environment;
	}

	private static List<String> arguments(Map<String, Object> container) {
		return list(container.get("args")).stream().map(String::valueOf).toList();
	}

	private static int servingPort(DemoApp demo) {
		List<Object> ports = list(container(demo).get("ports"));
		assertThat(ports).as("the ports of %s", demo.appId()).hasSize(1);
		assertThat(map(ports.get(0))).as("%s's port: end-to-end HTTP/2", demo.appId()).containsEntry("name", "h2c");
		return (Integer) map(ports.get(0)).get("containerPort");
	}

	@Test
	void everyDemoIsAKnativeServiceNamedByItsAppId() {
		for (DemoApp demo : DemoApp.ALL) {
			assertThat(service(demo)).containsEntry("apiVersion", "serving.knative.dev/v1").containsEntry("kind", "Service");
			assertThat(at(service(demo), "metadata", "name")).isEqualTo(demo.appId());
		}
	}

	@Test
	void demoServesGrpcOnThePortCloudRunHandsItAndItsActuatorElsewhere() {
		for (DemoApp demo : DemoApp.ALL) {
			Map<String, Object> container = container(demo);
			int port = servingPort(demo);
			Map<String, String> environment = environment(container);
			assertThat(environment).as("%s's environment: Cloud Run sets PORT", demo.appId()).doesNotContainKey("PORT");
			environment.put("PORT", String.valueOf(port));
			assertThat(demo.grpcPort(environment, arguments(container))).as("%s's gRPC port", demo.appId()).isEqualTo(port);
			assertThat(demo.httpPort(environment, arguments(container))).as("%s's actuator port", demo.appId()).isNotEqualTo(port);
		}
	}

	@Test
	void probesAskTheHealthServiceOnTheServingPortForWhatTheAppServes() {
		for (DemoApp demo : DemoApp.ALL) {
			Set<String> probed = new HashSet<>(demo.services());
			probed.add("");
			probed.add("liveness");
			for (String probe : List.of("startupProbe", "livenessProbe")) {
				Map<String, Object> grpc = map(at(container(demo), probe, "grpc"));
				assertThat(grpc).as("%s's %s", demo.appId(), probe).containsEntry("port", servingPort(demo));
				assertThat(probed).contains(String.valueOf(grpc.getOrDefault("service", "")));
			}
		}
	}

	@Test
	void summatorCallsTheUserServiceAtItsCloudRunUrlWithAnIdTokenForIt() {
		Map<String, String> properties = new LinkedHashMap<>();
		for (String argument : arguments(container(DemoApp.SUMMATOR))) {
			properties.put(argument.substring(2, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
		}
		String target = "microservice.clients." + DemoApp.USER_SERVICE.appId();
		URI address = URI.create(properties.get(target + ".address"));
		assertThat(address.getScheme()).isEqualTo("https");
		// Cloud Run's deterministic URL: https://SERVICE-PROJECT_NUMBER.REGION.run.app
		assertThat(address.getHost()).isEqualTo("%s-%s.%s.run.app", at(service(DemoApp.USER_SERVICE), "metadata", "name"),
				PLACEHOLDERS.get("PROJECT_NUMBER"), PLACEHOLDERS.get("REGION"));
		assertThat(properties).containsEntry(target + ".id-token.audience", address.toString());
		assertThat(environment(container(DemoApp.SUMMATOR))).doesNotContainKeys("DAPR_GRPC_PORT", "DAPR_GRPC_ENDPOINT");
	}

}

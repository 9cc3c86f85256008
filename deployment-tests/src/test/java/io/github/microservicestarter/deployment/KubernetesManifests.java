package io.github.microservicestarter.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.microservicestarter.deployment.RepositoryFiles.at;
import static io.github.microservicestarter.deployment.RepositoryFiles.list;
import static io.github.microservicestarter.deployment.RepositoryFiles.map;

/**
 * The resources of deploy/kubernetes/, as its kustomization.yaml lists their files.
 */
final class KubernetesManifests {

	static final String DIRECTORY = "deploy/kubernetes/";

	private final List<Map<String, Object>> resources = new ArrayList<>();

	KubernetesManifests() {
		for (Object file : list(RepositoryFiles.yaml(DIRECTORY + "kustomization.yaml").get("resources"))) {
			this.resources.addAll(RepositoryFiles.yamlDocuments(DIRECTORY + file));
		}
	}

	List<Map<String, Object>> all() {
		return this.resources;
	}

	List<Map<String, Object>> ofKind(String kind) {
		return this.resources.stream().filter((resource) -> kind.equals(resource.get("kind"))).toList();
	}

	/**
	 * The resource of a kind and name.
	 * @param kind its kind
	 * @param name its name
	 * @return the resource
	 * @throws AssertionError when there is none
	 */
	Map<String, Object> get(String kind, String name) {
		return ofKind(kind).stream()
			.filter((resource) -> name.equals(at(resource, "metadata", "name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + kind + " named " + name + " in " + DIRECTORY));
	}

	static Map<String, Object> podTemplate(Map<String, Object> workload) {
		return map(at(workload, "spec", "template"));
	}

	static Map<String, String> strings(Object map) {
		Map<String, String> strings = new LinkedHashMap<>();
		map(map).forEach((key, value) -> strings.put(key, String.valueOf(value)));
		return strings;
	}

	static List<Map<String, Object>> containers(Map<String, Object> workload) {
		return list(at(podTemplate(workload), "spec", "containers")).stream().map(RepositoryFiles::map).toList();
	}

	/** The environment variables given as values, by name. */
	static Map<String, String> literalEnvironment(Map<String, Object> container) {
		Map<String, String> environment = new LinkedHashMap<>();
		for (Object variable : list(container.get("env"))) {
			Map<String, Object> entry = map(variable);
			if (entry.containsKey("value")) {
				environment.put(String.valueOf(entry.get("name")), String.valueOf(entry.get("value")));
			}
		}
		return environment;
	}

	/** The secret and key an environment variable comes from, or null when it is not from a secret. */
	static String[] secretOf(Map<String, Object> container, String variable) {
		for (Object candidate : list(container.get("env"))) {
			Map<String, Object> entry = map(candidate);
			Object ref = at(entry, "valueFrom", "secretKeyRef");
			if (variable.equals(entry.get("name")) && ref != null) {
				return new String[] { String.valueOf(map(ref).get("name")), String.valueOf(map(ref).get("key")) };
			}
		}
		return null;
	}

	/** The container ports by name. */
	static Map<String, Integer> ports(Map<String, Object> container) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (Object port : list(container.get("ports"))) {
			ports.put(String.valueOf(map(port).get("name")), (Integer) map(port).get("containerPort"));
		}
		return ports;
	}

}

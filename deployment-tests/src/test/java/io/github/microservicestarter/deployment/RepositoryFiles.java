package io.github.microservicestarter.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's files, from its root (the build's {@code repository.root}), and YAML read as
 * plain maps and lists.
 */
final class RepositoryFiles {

	private RepositoryFiles() {
	}

	/**
	 * A file of the repository.
	 * @param relative its path from the root, such as {@code docker-compose.yml}
	 * @return its path
	 */
	static Path path(String relative) {
		String root = System.getProperty("repository.root");
		if (root == null) {
			throw new IllegalStateException("repository.root is not set: run the tests with Maven");
		}
		return Path.of(root).resolve(relative).normalize();
	}

	static String read(String relative) {
		try {
			return Files.readString(path(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The documents of a YAML file, as maps.
	 * @param relative its path from the root
	 * @return each document, in order
	 */
	static List<Map<String, Object>> yamlDocuments(String relative) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(options).loadAll(read(relative))) {
			if (document != null) {
				documents.add(map(document));
			}
		}
		return documents;
	}

	/**
	 * The one document of a YAML file.
	 * @param relative its path from the root
	 * @return the document
	 */
	static Map<String, Object> yaml(String relative) {
		List<Map<String, Object>> documents = yamlDocuments(relative);
		if (documents.size() != 1) {
			throw new IllegalStateException(relative + " has " + documents.size() + " documents, not one");
		}
		return documents.get(0);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return (value != null) ? (List<Object>) value : List.of();
	}

	/**
	 * A value down a path of keys, or null when a key is missing.
	 * @param tree the map to start from
	 * @param keys the keys
	 * @return the value
	 */
	static Object at(Map<String, Object> tree, String... keys) {
		Object value = tree;
		for (String key : keys) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(key);
		}
		return value;
	}

	/**
	 * A metadata entry of a Dapr component: spec.metadata's value of that name.
	 * @param component the component
	 * @param name the entry's name, such as redisHost
	 * @return its value
	 * @throws AssertionError when the component has none
	 */
	static String componentMetadata(Map<String, Object> component, String name) {
		return list(at(component, "spec", "metadata")).stream()
			.map(RepositoryFiles::map)
			.filter((entry) -> name.equals(entry.get("name")))
			.map((entry) -> String.valueOf(entry.get("value")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Component " + at(component, "metadata", "name") + " has no " + name));
	}

}

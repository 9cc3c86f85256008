package io.github.microservicestarter.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dapr/sidecar-flags: each demo's daprd flags, one app a line, every flag --NAME=VALUE.
 *
 * @param appId the app id, from --app-id
 * @param tokens the flags as written, in order
 * @param values each flag's value, by its name without the dashes
 */
record SidecarFlags(String appId, List<String> tokens, Map<String, String> values) {

	static final String FILE = "dapr/sidecar-flags";

	/**
	 * Every line of the file, by app id, in order.
	 * @return the apps' flags
	 */
	static Map<String, SidecarFlags> read() {
		Map<String, SidecarFlags> apps = new LinkedHashMap<>();
		for (String line : RepositoryFiles.read(FILE).split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			List<String> tokens = List.of(line.trim().split("\\s+"));
			Map<String, String> values = new LinkedHashMap<>();
			for (String token : tokens) {
				int equals = token.indexOf('=');
				if (!token.startsWith("--") || equals < 3) {
					throw new IllegalStateException(FILE + ": '" + token + "' is not --NAME=VALUE, in: " + line);
				}
				if (values.put(token.substring(2, equals), token.substring(equals + 1)) != null) {
					throw new IllegalStateException(FILE + ": " + token + " is given twice, in: " + line);
				}
			}
			String appId = values.get("app-id");
			if (appId == null || apps.containsKey(appId)) {
				throw new IllegalStateException(FILE + ": a line without --app-id, or a second line for it: " + line);
			}
			apps.put(appId, new SidecarFlags(appId, tokens, values));
		}
		return apps;
	}

	int appPort() {
		return Integer.parseInt(this.values.get("app-port"));
	}

	int metricsPort() {
		return Integer.parseInt(this.values.getOrDefault("metrics-port", "9090"));
	}

	/**
	 * The pod annotations that give daprd these flags on Kubernetes: dapr.io/NAME for --NAME.
	 * @return the annotations
	 */
	Map<String, String> annotations() {
		Map<String, String> annotations = new LinkedHashMap<>();
		this.values.forEach((name, value) -> annotations.put("dapr.io/" + name, value));
		return annotations;
	}

	/**
	 * The flags of a daprd command line that are not in this line.
	 * @param command the command's arguments
	 * @return the names of the other flags, in order
	 */
	List<String> otherFlags(List<String> command) {
		List<String> others = new ArrayList<>();
		for (String argument : command) {
			if (argument.startsWith("--") && !this.tokens.contains(argument)) {
				int equals = argument.indexOf('=');
				others.add((equals > 0) ? argument.substring(2, equals) : argument.substring(2));
			}
		}
		return others;
	}

}

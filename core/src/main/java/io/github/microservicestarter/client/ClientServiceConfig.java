package io.github.microservicestarter.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.microservicestarter.client.SidecarClientProperties.Retry;

/**
 * The gRPC service config of a client channel, as the map grpc-java parses: round robin across a
 * target's addresses, and the retry policy of its idempotent methods.
 */
final class ClientServiceConfig {

	private ClientServiceConfig() {
	}

	/**
	 * Builds the service config.
	 * @param roundRobin whether to balance calls round robin across the resolved addresses
	 * @param idempotentMethods full method names (package.Service/Method) or service names whose
	 * calls are retried on UNAVAILABLE
	 * @param retry the retry settings
	 * @return the service config
	 */
	static Map<String, Object> of(boolean roundRobin, Collection<String> idempotentMethods, Retry retry) {
		Map<String, Object> config = new LinkedHashMap<>();
		if (roundRobin) {
			config.put("loadBalancingConfig", List.of(Map.of("round_robin", Map.of())));
		}
		if (retry.getMaxAttempts() > 1 && !idempotentMethods.isEmpty()) {
			Map<String, Object> retryPolicy = new LinkedHashMap<>();
			// grpc-java's JSON parser takes numbers as doubles and durations as "1.5s".
			retryPolicy.put("maxAttempts", (double) retry.getMaxAttempts());
			retryPolicy.put("initialBackoff", seconds(retry.getInitialBackoff()));
			retryPolicy.put("maxBackoff", seconds(retry.getMaxBackoff()));
			retryPolicy.put("backoffMultiplier", retry.getBackoffMultiplier());
			retryPolicy.put("retryableStatusCodes", List.of("UNAVAILABLE"));
			List<Map<String, String>> names = idempotentMethods.stream().map(ClientServiceConfig::name).toList();
			config.put("methodConfig", List.of(Map.of("name", names, "retryPolicy", retryPolicy)));
		}
		return config;
	}

	private static Map<String, String> name(String method) {
		int slash = method.indexOf('/');
		if (slash < 0 || method.endsWith("/*")) {
			return Map.of("service", (slash < 0) ? method : method.substring(0, slash));
		}
		return Map.of("service", method.substring(0, slash), "method", method.substring(slash + 1));
	}

	private static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
	}

}

package io.github.microservicestarter.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults for running on a platform, below every other property source so that any setting
 * wins: Kubernetes probe groups on (health stays the only endpoint exposed over HTTP, as Spring
 * Boot has it: the others are the app's to open), and Zipkin span export and OTLP metrics export
 * only when their endpoint is configured (OTLP span and log export already wait for theirs).
 * Spring Boot 4 renamed Zipkin's properties; the default is set under both names, of which each
 * line reads its own.
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor {

	/** The name of the property source that holds the defaults. */
	private static final String PROPERTY_SOURCE_NAME = "microservice-observability-defaults";

	/** Zipkin export's switch and endpoint: Spring Boot 3's names, then Spring Boot 4's. */
	private static final Map<String, String> ZIPKIN_EXPORT_AND_ENDPOINT = Map.of(
			"management.zipkin.tracing.export.enabled", "management.zipkin.tracing.endpoint",
			"management.tracing.export.zipkin.enabled", "management.tracing.export.zipkin.endpoint");

	/** OTLP metrics export's switch and endpoint, the same on both lines. */
	private static final String OTLP_METRICS_EXPORT = "management.otlp.metrics.export.enabled";

	private static final String OTLP_METRICS_URL = "management.otlp.metrics.export.url";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("management.endpoint.health.probes.enabled", true);
		// Without this, an app with the Zipkin exporter sends spans to localhost:9411 and logs each failure.
		ZIPKIN_EXPORT_AND_ENDPOINT
			.forEach((export, endpoint) -> defaults.put(export, environment.containsProperty(endpoint)));
		// Spring Boot 4's OpenTelemetry starter, which the Boot 4 starter needs for tracing, brings the
		// OTLP meter registry too: unset, it pushes to localhost:4318 every minute, logs each failure,
		// and every call's meters are recorded twice.
		defaults.put(OTLP_METRICS_EXPORT, environment.containsProperty(OTLP_METRICS_URL));
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

}

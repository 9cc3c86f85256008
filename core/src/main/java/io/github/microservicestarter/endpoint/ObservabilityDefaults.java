package io.github.microservicestarter.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults for running on a platform, below every other property source so that any setting
 * wins: Kubernetes probe groups on, {@code /actuator/prometheus} and {@code /actuator/grpc}
 * exposed beside health and info, and Zipkin export only when a Zipkin endpoint is configured
 * (OTLP export already waits for {@code management.otlp.tracing.endpoint}).
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor {

	/** The name of the property source that holds the defaults. */
	private static final String PROPERTY_SOURCE_NAME = "microservice-observability-defaults";

	private static final String ZIPKIN_ENDPOINT = "management.zipkin.tracing.endpoint";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("management.endpoint.health.probes.enabled", true);
		defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,grpc");
		// Without this, an app with the Zipkin exporter sends spans to localhost:9411 and logs each failure.
		defaults.put("management.zipkin.tracing.export.enabled", environment.containsProperty(ZIPKIN_ENDPOINT));
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

}

package io.github.microservicestarter.test;

import io.github.microservicestarter.boot3.jackson.JacksonPayloadAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.prometheus.PrometheusExemplarsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;

/**
 * Spring Boot 3's auto-configurations that the behavioural tests start: JSON, metrics, tracing and
 * Prometheus. Each line's
 * autoconfigure module has a class of this name with these methods.
 */
public final class BootAutoConfigurations {

	/**
	 * The auto-configuration of Prometheus exemplars, by name, for {@code spring.autoconfigure.exclude}.
	 */
	public static final String PROMETHEUS_EXEMPLARS = "org.springframework.boot.actuate.autoconfigure.tracing.prometheus.PrometheusExemplarsAutoConfiguration";

	private BootAutoConfigurations() {
	}

	/**
	 * The app's Jackson and the Dapr handler data's JSON on it.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations json() {
		return AutoConfigurations.of(JacksonAutoConfiguration.class, JacksonPayloadAutoConfiguration.class);
	}

	/**
	 * Metrics in a simple registry.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations metrics() {
		return AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class);
	}

	/**
	 * OpenTelemetry tracing through Micrometer Tracing.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations tracing() {
		return AutoConfigurations.of(OpenTelemetryAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class);
	}

	/**
	 * The Prometheus registry, with exemplars from the tracer.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations prometheus() {
		return AutoConfigurations.of(PrometheusMetricsExportAutoConfiguration.class,
				PrometheusExemplarsAutoConfiguration.class);
	}

}

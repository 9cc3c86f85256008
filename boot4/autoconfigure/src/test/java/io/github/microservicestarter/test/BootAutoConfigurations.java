package io.github.microservicestarter.test;

import io.github.microservicestarter.boot4.jackson.JacksonPayloadAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;

/**
 * Spring Boot 4's auto-configurations that the behavioural tests start: JSON, metrics, tracing and
 * Prometheus. Each line's autoconfigure module has a class of this name with these methods.
 */
public final class BootAutoConfigurations {

	/**
	 * The auto-configuration of Prometheus exemplars, by name, for {@code spring.autoconfigure.exclude}.
	 */
	public static final String PROMETHEUS_EXEMPLARS = "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration";

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
		return AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class);
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

package io.github.microservicestarter.test;

/**
 * Spring Boot 4's names of the properties the tests set, where the lines differ. Each line's
 * autoconfigure module has a class of this name with these constants.
 */
public final class BootProperties {

	/** Where spans are exported to Zipkin. */
	public static final String ZIPKIN_ENDPOINT = "management.tracing.export.zipkin.endpoint";

	/** Whether spans are exported to Zipkin. */
	public static final String ZIPKIN_EXPORT_ENABLED = "management.tracing.export.zipkin.enabled";

	private BootProperties() {
	}

}

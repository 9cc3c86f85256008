package io.github.microservicestarter.accesslog;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The access log of the gRPC server.
 */
@ConfigurationProperties("microservice.access-log")
public class AccessLogProperties {

	/**
	 * Whether to log a line per call served (logger io.github.microservicestarter.access, level
	 * INFO): method, status, duration, peer, caller app id and trace id.
	 */
	private boolean enabled;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}

package io.github.microservicestarter.callback;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether the app serves Dapr's callbacks.
 */
@ConfigurationProperties("microservice.callback")
public class CallbackProperties {

	/**
	 * Whether to serve Dapr's AppCallback and AppCallbackHealthCheck services when beans have
	 * Dapr handler methods.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}

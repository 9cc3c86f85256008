package io.github.microservicestarter.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Who may call the app.
 */
@ConfigurationProperties(AppSecurityProperties.PREFIX)
public class AppSecurityProperties {

	static final String PREFIX = "microservice.security";

	/** The environment variable Dapr's documentation names for the app API token. */
	static final String APP_API_TOKEN_VARIABLE = "APP_API_TOKEN";

	/**
	 * The token every incoming call must carry in the dapr-api-token header; calls without it
	 * get UNAUTHENTICATED. Defaults to the APP_API_TOKEN environment variable; unset, calls need no
	 * token.
	 */
	private String appApiToken;

	/**
	 * Full names of services that answer without the token, e.g. grpc.health.v1.Health for
	 * Kubernetes gRPC probes. None by default.
	 */
	private List<String> openServices = new ArrayList<>();

	/**
	 * Which apps may call which services or methods: each entry lists services
	 * (package.Service) or methods (package.Service/Method) and the app ids allowed to call
	 * them; other apps get PERMISSION_DENIED. A method's own entry wins over its service's;
	 * services and methods no entry lists answer any caller. The caller is the app id of its
	 * client certificate (microservice.tls.client-auth), else the dapr-caller-app-id the
	 * sidecar sends, trusted only on calls that carry the app API token.
	 */
	private List<CallerRule> callers = new ArrayList<>();

	public String getAppApiToken() {
		return this.appApiToken;
	}

	public void setAppApiToken(String appApiToken) {
		this.appApiToken = appApiToken;
	}

	public List<String> getOpenServices() {
		return this.openServices;
	}

	public void setOpenServices(List<String> openServices) {
		this.openServices = openServices;
	}

	public List<CallerRule> getCallers() {
		return this.callers;
	}

	public void setCallers(List<CallerRule> callers) {
		this.callers = callers;
	}

	/**
	 * The token in force: the property, else the environment variable.
	 * @param environment where to read {@code APP_API_TOKEN}
	 * @return the token, or {@code null} when calls need none
	 */
	String resolveAppApiToken(Environment environment) {
		String token = StringUtils.hasText(this.appApiToken) ? this.appApiToken
				: environment.getProperty(APP_API_TOKEN_VARIABLE);
		return StringUtils.hasText(token) ? token : null;
	}

	/**
	 * Services or methods and the apps that may call them.
	 */
	public static class CallerRule {

		/**
		 * Full service names (package.Service) or method names (package.Service/Method).
		 */
		private List<String> services = new ArrayList<>();

		/**
		 * App ids allowed to call them.
		 */
		private List<String> apps = new ArrayList<>();

		public List<String> getServices() {
			return this.services;
		}

		public void setServices(List<String> services) {
			this.services = services;
		}

		public List<String> getApps() {
			return this.apps;
		}

		public void setApps(List<String> apps) {
			this.apps = apps;
		}

	}

}

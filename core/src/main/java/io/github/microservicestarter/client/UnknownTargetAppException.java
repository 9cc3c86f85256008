package io.github.microservicestarter.client;

/**
 * A target app that calls go straight to, but whose address is not configured. Reported at
 * startup by {@link UnknownTargetAppFailureAnalyzer}.
 */
public class UnknownTargetAppException extends IllegalStateException {

	private final String appId;

	/**
	 * Creates the exception.
	 * @param appId the app id with no address
	 * @param modeSource why its calls go direct
	 */
	public UnknownTargetAppException(String appId, String modeSource) {
		super("No address for app '%s': its calls go direct (%s) and %s is not set.".formatted(appId, modeSource,
				addressProperty(appId)));
		this.appId = appId;
	}

	/**
	 * The app id with no address.
	 * @return the app id
	 */
	public String getAppId() {
		return this.appId;
	}

	/**
	 * The property that holds the address of an app.
	 * @param appId the app id
	 * @return {@code microservice.clients.<app-id>.address}
	 */
	static String addressProperty(String appId) {
		return "microservice.clients." + appId + ".address";
	}

}

package io.github.microservicestarter.client;

/**
 * A {@link SidecarClient} injection point, or a stub asked of {@link SidecarChannels}, of a type
 * the client cannot make. Reported at startup by {@link InvalidSidecarClientFailureAnalyzer}.
 */
public class InvalidSidecarClientException extends IllegalArgumentException {

	private final String injectionPoint;

	private final String action;

	/**
	 * Creates the exception.
	 * @param injectionPoint where the client is asked for, as the user wrote it
	 * @param problem what is wrong with its type
	 * @param action how to fix it
	 */
	public InvalidSidecarClientException(String injectionPoint, String problem, String action) {
		super(injectionPoint + ": " + problem);
		this.injectionPoint = injectionPoint;
		this.action = action;
	}

	/**
	 * Where the client is asked for.
	 * @return the injection point, or the call to {@link SidecarChannels#stub}
	 */
	public String getInjectionPoint() {
		return this.injectionPoint;
	}

	/**
	 * How to fix the injection point.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}

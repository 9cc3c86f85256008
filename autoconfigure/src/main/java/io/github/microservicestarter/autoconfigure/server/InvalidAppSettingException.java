package io.github.microservicestarter.autoconfigure.server;

/**
 * A setting of the app that cannot work, with the property to change and how. Turned into a
 * startup failure report by {@link InvalidAppSettingFailureAnalyzer}.
 */
public class InvalidAppSettingException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * Creates the exception.
	 * @param property the property (or environment variable) that holds the bad value
	 * @param problem what is wrong, in a sentence
	 * @param action what to do about it, in a sentence
	 */
	public InvalidAppSettingException(String property, String problem, String action) {
		super(problem);
		this.property = property;
		this.action = action;
	}

	/**
	 * The property (or environment variable) that holds the bad value.
	 * @return its name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * What to do about it.
	 * @return a sentence for the person starting the app
	 */
	public String getAction() {
		return this.action;
	}

}

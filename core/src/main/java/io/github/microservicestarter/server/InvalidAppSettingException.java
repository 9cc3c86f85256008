package io.github.microservicestarter.server;

/**
 * A setting of the app that cannot work, with the setting to change and how. Turned into a
 * startup failure report by {@link InvalidAppSettingFailureAnalyzer}.
 */
public class InvalidAppSettingException extends RuntimeException {

	private final String setting;

	private final String action;

	/**
	 * Creates the exception.
	 * @param setting the property or environment variable that holds the bad value, as a person
	 * would name it: {@code microservice.app-port}, {@code the PORT environment variable}
	 * @param problem what is wrong, in a sentence
	 * @param action what to do about it, in a sentence
	 */
	public InvalidAppSettingException(String setting, String problem, String action) {
		super(problem);
		this.setting = setting;
		this.action = action;
	}

	/**
	 * The property or environment variable that holds the bad value.
	 * @return its name
	 */
	public String getSetting() {
		return this.setting;
	}

	/**
	 * What to do about it.
	 * @return a sentence for the person starting the app
	 */
	public String getAction() {
		return this.action;
	}

}

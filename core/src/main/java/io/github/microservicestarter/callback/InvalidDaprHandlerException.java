package io.github.microservicestarter.callback;

/**
 * A Dapr handler method the starter cannot serve, found at startup.
 */
public class InvalidDaprHandlerException extends RuntimeException {

	private final String handler;

	private final String action;

	/**
	 * Creates the exception.
	 * @param handler the handler method, as the user wrote it
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public InvalidDaprHandlerException(String handler, String problem, String action) {
		super(problem);
		this.handler = handler;
		this.action = action;
	}

	/**
	 * The handler method, as the user wrote it.
	 * @return the handler
	 */
	public String getHandler() {
		return this.handler;
	}

	/**
	 * How to fix the handler.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}

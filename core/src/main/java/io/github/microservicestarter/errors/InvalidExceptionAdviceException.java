package io.github.microservicestarter.errors;

/**
 * A {@link GrpcExceptionMapping} method the starter cannot call, with what to change. Turned into
 * a startup failure report by {@link InvalidExceptionAdviceFailureAnalyzer}.
 */
public class InvalidExceptionAdviceException extends RuntimeException {

	private final String method;

	private final String action;

	/**
	 * Creates the exception.
	 * @param method the method, as a person would name it
	 * @param problem what is wrong, in a sentence
	 * @param action what to do about it, in a sentence
	 */
	public InvalidExceptionAdviceException(String method, String problem, String action) {
		super(problem);
		this.method = method;
		this.action = action;
	}

	/**
	 * The method.
	 * @return its name, with its class
	 */
	public String getMethod() {
		return this.method;
	}

	/**
	 * What to do about it.
	 * @return a sentence for the person starting the app
	 */
	public String getAction() {
		return this.action;
	}

}

package io.github.microservicestarter.demo.user.store;

/**
 * Another user already has the email.
 */
public class EmailTakenException extends RuntimeException {

	private final String email;

	public EmailTakenException(String email) {
		super("email '%s' is already used by another user".formatted(email));
		this.email = email;
	}

	public String getEmail() {
		return this.email;
	}

}

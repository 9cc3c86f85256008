package io.github.microservicestarter.demo.user.store;

/**
 * No user has the id asked for.
 */
public class UserNotFoundException extends RuntimeException {

	private final String userId;

	public UserNotFoundException(String userId) {
		super("no user has id '%s'".formatted(userId));
		this.userId = userId;
	}

	public String getUserId() {
		return this.userId;
	}

}

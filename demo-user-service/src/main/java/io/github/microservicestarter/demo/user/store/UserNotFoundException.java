package io.github.microservicestarter.demo.user.store;

/**
 * No user has the id asked for.
 */
public class UserNotFoundException extends RuntimeException {

	public UserNotFoundException(String userId) {
		super("no user has id '%s'".formatted(userId));
	}

}

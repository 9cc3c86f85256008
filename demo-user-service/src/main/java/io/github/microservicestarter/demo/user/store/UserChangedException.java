package io.github.microservicestarter.demo.user.store;

/**
 * An update named a version of the user that is no longer the stored one: another update came
 * first, and applying this one would lose it.
 */
public class UserChangedException extends RuntimeException {

	public UserChangedException(String userId, long expectedVersion, long storedVersion) {
		super("user '%s' changed since version %d (it is now at version %d); read it again and retry"
			.formatted(userId, expectedVersion, storedVersion));
	}

}

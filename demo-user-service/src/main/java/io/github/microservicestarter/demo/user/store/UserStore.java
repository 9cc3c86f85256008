package io.github.microservicestarter.demo.user.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.github.microservicestarter.demo.user.UserStatus;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users' operations, each one transaction: ids, timestamps, versions and email uniqueness
 * are decided here.
 */
@Service
public class UserStore {

	private final UserRepository repository;

	private final TimeOrderedIds ids = new TimeOrderedIds();

	public UserStore(UserRepository repository) {
		this.repository = repository;
	}

	/**
	 * Reads a user with its orders.
	 * @param id the user's id, as clients see it
	 * @return the user
	 * @throws UserNotFoundException when no user has that id
	 */
	@Transactional(readOnly = true)
	public UserEntity get(String id) {
		return parseId(id).flatMap(this.repository::findById).orElseThrow(() -> new UserNotFoundException(id));
	}

	/**
	 * One page of users in id order, and how many users there are on all pages.
	 * @param status only users of this status, or every user when null
	 * @param offset the users to skip
	 * @param limit the most users on the page
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public UserPage list(@Nullable UserStatus status, int offset, int limit) {
		List<UserEntity> users = this.repository.findPage(status, offset, limit);
		long total = (status != null) ? this.repository.countByStatus(status) : this.repository.count();
		return new UserPage(users, total);
	}

	/**
	 * The next page of a walk through all users in id order.
	 * @param status only users of this status, or every user when null
	 * @param after the last id of the previous page, or null to start
	 * @param limit the most users on the page
	 * @return the users after {@code after}, none when the walk is over
	 */
	@Transactional(readOnly = true)
	public List<UserEntity> pageAfter(@Nullable UserStatus status, @Nullable UUID after, int limit) {
		return this.repository.findPageAfter(status, after, limit);
	}

	/**
	 * Creates a user.
	 * @param user the user's fields
	 * @return the user as stored
	 * @throws EmailTakenException when another user has the email
	 */
	@Transactional
	public UserEntity create(NewUser user) {
		return save(newEntity(user, now()));
	}

	/**
	 * Creates every user or none.
	 * @param users the users, with distinct emails
	 * @return the users as stored, in the order given
	 * @throws EmailTakenException naming the first email (in the order given) another user has
	 */
	@Transactional
	public List<UserEntity> createAll(List<NewUser> users) {
		if (users.isEmpty()) {
			return List.of();
		}
		Set<String> taken = Set.copyOf(this.repository.findTakenEmails(users.stream().map(NewUser::email).toList()));
		users.stream()
			.filter((user) -> taken.contains(user.email()))
			.findFirst()
			.ifPresent((user) -> {
				throw new EmailTakenException(user.email());
			});
		Instant now = now();
		try {
			return this.repository.saveAll(users.stream().map((user) -> newEntity(user, now)).toList());
		}
		catch (RuntimeException ex) {
			// Another call took one of the emails since the check above.
			DuplicateKeyException duplicate = duplicateKey(ex);
			throw (duplicate != null) ? duplicate : ex;
		}
	}

	/**
	 * Changes a user. Concurrent updates of one user take turns, so none is lost.
	 * @param id the user's id
	 * @param expectedVersion the version the change was made from, or 0 to change whatever version
	 * is stored
	 * @param changes the fields to replace
	 * @return the user as stored, with its next version
	 * @throws UserNotFoundException when no user has that id
	 * @throws UserChangedException when the stored version is not the expected one
	 * @throws EmailTakenException when the new email belongs to another user
	 */
	@Transactional
	public UserEntity update(String id, long expectedVersion, UserChanges changes) {
		UserEntity user = parseId(id).flatMap(this.repository::findForUpdateById)
			.orElseThrow(() -> new UserNotFoundException(id));
		if (expectedVersion != 0 && expectedVersion != user.version()) {
			throw new UserChangedException(id, expectedVersion, user.version());
		}
		Instant now = now();
		UserEntity changed = new UserEntity(user.id(), (changes.name() != null) ? changes.name() : user.name(),
				(changes.email() != null) ? changes.email() : user.email(),
				(changes.status() != null) ? changes.status() : user.status(),
				(changes.orders() != null) ? newOrders(changes.orders(), now) : user.orders(), user.createdAt(), now,
				user.version());
		return save(changed);
	}

	/**
	 * Deletes a user and its orders.
	 * @param id the user's id
	 * @throws UserNotFoundException when no user has that id
	 */
	@Transactional
	public void delete(String id) {
		if (parseId(id).map(this.repository::deleteUser).orElse(0) == 0) {
			throw new UserNotFoundException(id);
		}
	}

	/** Saves the user, telling a taken email (which Spring Data JDBC wraps) from other failures. */
	private UserEntity save(UserEntity user) {
		try {
			return this.repository.save(user);
		}
		catch (RuntimeException ex) {
			if (duplicateKey(ex) != null) {
				throw new EmailTakenException(user.email());
			}
			throw ex;
		}
	}

	/**
	 * The unique key violation a save failed with, or null. Spring Data JDBC 3 (Spring Boot 3)
	 * wraps it in a {@link DbActionExecutionException}; Spring Data JDBC 4 (Spring Boot 4) throws it
	 * as it is.
	 */
	private static DuplicateKeyException duplicateKey(RuntimeException failure) {
		if (failure instanceof DuplicateKeyException duplicate) {
			return duplicate;
		}
		return (failure instanceof DbActionExecutionException && failure.getCause() instanceof DuplicateKeyException duplicate)
				? duplicate : null;
	}

	private UserEntity newEntity(NewUser user, Instant now) {
		return new UserEntity(this.ids.next(), user.name(), user.email(), user.status(), newOrders(user.orders(), now),
				now, now, 0);
	}

	private List<OrderEntity> newOrders(List<NewOrder> orders, Instant now) {
		return orders.stream().map((order) -> new OrderEntity(this.ids.next(), order.status(), now, order.items()))
			.toList();
	}

	/** An id that is not a UUID names no user; the service refuses such ids before they get here. */
	private static Optional<UUID> parseId(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** Now, to the microsecond that both databases store. */
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * A page of users.
	 * @param users the users on the page
	 * @param total how many users there are on all pages
	 */
	public record UserPage(List<UserEntity> users, long total) {
	}

}

package io.github.microservicestarter.demo.user.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.github.microservicestarter.demo.user.UserStatus;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

/**
 * The users, each with its orders and their items.
 */
public interface UserRepository extends ListCrudRepository<UserEntity, UUID>, UserPageQueries {

	/** Reads a user and locks it until the transaction ends, so concurrent updates take turns. */
	@Lock(LockMode.PESSIMISTIC_WRITE)
	Optional<UserEntity> findForUpdateById(UUID id);

	long countByStatus(UserStatus status);

	/** The emails among these that some user already has. */
	@Query("SELECT email FROM users WHERE email IN (:emails)")
	List<String> findTakenEmails(Collection<String> emails);

	/** Deletes a user; the schema deletes its orders and items with it. */
	@Modifying
	@Query("DELETE FROM users WHERE id = :id")
	int deleteUser(UUID id);

}

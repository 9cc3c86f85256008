package io.github.microservicestarter.demo.user.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.github.microservicestarter.demo.user.UserStatus;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A stored user: the root of the aggregate user → orders → items.
 *
 * @param id time-ordered, so id order is creation order
 * @param version 1 when created, incremented by every update
 */
@Table("users")
public record UserEntity(@Id UUID id, String name, String email, UserStatus status,
		@MappedCollection(idColumn = "user_id", keyColumn = "position") List<OrderEntity> orders, Instant createdAt,
		Instant updatedAt, @Version long version) {

	/** Lets Spring Data set the version it stored. */
	public UserEntity withVersion(long version) {
		return new UserEntity(this.id, this.name, this.email, this.status, this.orders, this.createdAt,
				this.updatedAt, version);
	}

}

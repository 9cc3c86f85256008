package io.github.microservicestarter.demo.user.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An order of a user, part of the user's aggregate.
 */
@Table("orders")
public record OrderEntity(@Id UUID id, String status, Instant createdAt,
		@MappedCollection(idColumn = "order_id", keyColumn = "position") List<OrderItemEntity> items) {

	/** The sum of price * quantity over the items. */
	public double total() {
		return this.items.stream().mapToDouble((item) -> item.price() * item.quantity()).sum();
	}

}

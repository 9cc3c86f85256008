package io.github.microservicestarter.demo.user.store;

import org.springframework.data.relational.core.mapping.Table;

/**
 * A line of an order.
 */
@Table("order_items")
public record OrderItemEntity(String productId, String name, double price, int quantity) {

}

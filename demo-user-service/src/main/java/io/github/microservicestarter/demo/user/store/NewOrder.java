package io.github.microservicestarter.demo.user.store;

import java.util.List;

/**
 * An order to store with a user; the store assigns its id and creation time.
 */
public record NewOrder(String status, List<OrderItemEntity> items) {

}

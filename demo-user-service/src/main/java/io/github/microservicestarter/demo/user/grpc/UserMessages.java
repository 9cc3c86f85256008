package io.github.microservicestarter.demo.user.grpc;

import java.time.Instant;

import com.google.protobuf.Timestamp;

import io.github.microservicestarter.demo.user.Order;
import io.github.microservicestarter.demo.user.OrderItem;
import io.github.microservicestarter.demo.user.User;
import io.github.microservicestarter.demo.user.store.OrderEntity;
import io.github.microservicestarter.demo.user.store.OrderItemEntity;
import io.github.microservicestarter.demo.user.store.UserEntity;

/**
 * Stored users as user.proto messages.
 */
final class UserMessages {

	private UserMessages() {
	}

	static User user(UserEntity user) {
		User.Builder message = User.newBuilder()
			.setId(user.id().toString())
			.setName(user.name())
			.setEmail(user.email())
			.setStatus(user.status())
			.setCreatedAt(timestamp(user.createdAt()))
			.setUpdatedAt(timestamp(user.updatedAt()))
			.setVersion(user.version());
		for (OrderEntity order : user.orders()) {
			message.addOrders(order(user, order));
		}
		return message.build();
	}

	private static Order order(UserEntity user, OrderEntity order) {
		Order.Builder message = Order.newBuilder()
			.setId(order.id().toString())
			.setUserId(user.id().toString())
			.setTotal(order.total())
			.setStatus(order.status())
			.setCreatedAt(timestamp(order.createdAt()));
		for (OrderItemEntity item : order.items()) {
			message.addItems(OrderItem.newBuilder()
				.setProductId(item.productId())
				.setName(item.name())
				.setPrice(item.price())
				.setQuantity(item.quantity()));
		}
		return message.build();
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
	}

}

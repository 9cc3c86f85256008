package io.github.microservicestarter.demo.user.grpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.microservicestarter.demo.user.CreateUserRequest;
import io.github.microservicestarter.demo.user.ListUsersRequest;
import io.github.microservicestarter.demo.user.Order;
import io.github.microservicestarter.demo.user.OrderItem;
import io.github.microservicestarter.demo.user.StreamUsersRequest;
import io.github.microservicestarter.demo.user.UpdateUserRequest;
import io.github.microservicestarter.demo.user.User;
import io.github.microservicestarter.demo.user.UserStatus;
import io.github.microservicestarter.demo.user.store.NewOrder;
import io.github.microservicestarter.demo.user.store.NewUser;
import io.github.microservicestarter.demo.user.store.OrderItemEntity;
import io.github.microservicestarter.demo.user.store.UserChanges;

import org.springframework.lang.Nullable;

/**
 * Reads requests into the store's inputs, rejecting the ones that break user.proto's rules with
 * an {@link InvalidRequestException} naming every bad field.
 */
final class UserRequests {

	private static final int MAX_PAGE_SIZE = 1000;

	private static final int DEFAULT_PAGE_SIZE = 10;

	private static final int MAX_NAME_LENGTH = 200;

	private static final int MAX_EMAIL_LENGTH = 320;

	private static final int MAX_ORDER_STATUS_LENGTH = 64;

	/** WHATWG's "valid e-mail address", with a dot required in the domain. */
	private static final Pattern EMAIL = Pattern.compile("[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+"
			+ "@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+");

	/** The form of the ids the service gives: UUIDs, as {@code UUID.toString()} writes them. */
	private static final Pattern USER_ID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Set<String> UPDATABLE_FIELDS = Set.of("name", "email", "status", "orders");

	private static final String STATUSES = "USER_STATUS_ACTIVE, USER_STATUS_INACTIVE or USER_STATUS_SUSPENDED";

	private UserRequests() {
	}

	/**
	 * A user id that has the form of the ids the service gives; whether a user has it is the
	 * store's question. Checked before it is looked up, and never repeated in an answer: a request
	 * can hold megabytes where an id should be.
	 */
	static String userId(String userId) {
		Violations violations = new Violations("");
		checkUserId(violations, "user_id", userId);
		violations.throwIfAny();
		return userId;
	}

	/**
	 * The user a create request asks for.
	 * @param request the request
	 * @param prefix the request's path in a stream, or "" for a single request
	 * @return the user to create
	 */
	static NewUser newUser(CreateUserRequest request, String prefix) {
		Violations violations = new Violations(prefix);
		checkName(violations, "name", request.getName());
		checkEmail(violations, "email", request.getEmail());
		violations.check(request.getStatus() != UserStatus.UNRECOGNIZED, "status",
				"must be " + STATUSES + " (or unset for USER_STATUS_ACTIVE)");
		List<NewOrder> orders = orders(violations, "orders", request.getOrdersList());
		violations.throwIfAny();
		UserStatus status = (request.getStatus() != UserStatus.USER_STATUS_UNSPECIFIED) ? request.getStatus()
				: UserStatus.USER_STATUS_ACTIVE;
		return new NewUser(request.getName(), request.getEmail(), status, orders);
	}

	/** The fields an update request replaces: those its mask names, else those it sets. */
	static UserChanges changes(UpdateUserRequest request) {
		Violations violations = new Violations("");
		User user = request.getUser();
		checkUserId(violations, "user.id", user.getId());
		violations.check(user.getVersion() >= 0, "user.version", "must not be negative");
		List<String> fields = request.getUpdateMask().getPathsList();
		if (fields.isEmpty()) {
			fields = setFields(user);
		}
		for (String field : fields) {
			violations.check(UPDATABLE_FIELDS.contains(field), "update_mask",
					"names '%s', which is not one of name, email, status, orders".formatted(abbreviate(field)));
		}
		String name = null;
		if (fields.contains("name")) {
			name = user.getName();
			checkName(violations, "user.name", name);
		}
		String email = null;
		if (fields.contains("email")) {
			email = user.getEmail();
			checkEmail(violations, "user.email", email);
		}
		UserStatus status = null;
		if (fields.contains("status")) {
			status = user.getStatus();
			violations.check(status != UserStatus.USER_STATUS_UNSPECIFIED && status != UserStatus.UNRECOGNIZED,
					"user.status", "must be " + STATUSES);
		}
		List<NewOrder> orders = null;
		if (fields.contains("orders")) {
			orders = orders(violations, "user.orders", user.getOrdersList());
		}
		violations.throwIfAny();
		return new UserChanges(name, email, status, orders);
	}

	/** The page a list request asks for. */
	static ListQuery listQuery(ListUsersRequest request) {
		Violations violations = new Violations("");
		violations.check(request.getLimit() >= 0 && request.getLimit() <= MAX_PAGE_SIZE, "limit",
				"must be from 0 (for %d) to %d".formatted(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE));
		violations.check(request.getOffset() >= 0, "offset", "must not be negative");
		UserStatus status = statusFilter(violations, request.getStatus());
		violations.throwIfAny();
		return new ListQuery(status, request.getOffset(),
				(request.getLimit() != 0) ? request.getLimit() : DEFAULT_PAGE_SIZE);
	}

	/** The users a stream request asks for. */
	static StreamQuery streamQuery(StreamUsersRequest request) {
		Violations violations = new Violations("");
		violations.check(request.getLimit() >= 0, "limit", "must not be negative (0 streams every user)");
		UserStatus status = statusFilter(violations, request.getStatus());
		violations.throwIfAny();
		return new StreamQuery(status, (request.getLimit() != 0) ? request.getLimit() : Long.MAX_VALUE);
	}

	/** The status to filter by, or null for users of every status. */
	@Nullable
	private static UserStatus statusFilter(Violations violations, UserStatus status) {
		violations.check(status != UserStatus.UNRECOGNIZED, "status",
				"must be " + STATUSES + " (or unset for every status)");
		return (status != UserStatus.USER_STATUS_UNSPECIFIED) ? status : null;
	}

	private static List<String> setFields(User user) {
		List<String> fields = new ArrayList<>();
		if (!user.getName().isEmpty()) {
			fields.add("name");
		}
		if (!user.getEmail().isEmpty()) {
			fields.add("email");
		}
		if (user.getStatus() != UserStatus.USER_STATUS_UNSPECIFIED) {
			fields.add("status");
		}
		if (user.getOrdersCount() > 0) {
			fields.add("orders");
		}
		return fields;
	}

	private static void checkUserId(Violations violations, String field, String userId) {
		if (userId.isBlank()) {
			violations.add(field, "is required");
			return;
		}
		violations.check(USER_ID.matcher(userId).matches(), field,
				"is not a user id: ids are the 36 characters CreateUser returns, such as"
						+ " 0190a5e4-7c1d-7000-8000-00000000002a");
	}

	private static void checkName(Violations violations, String field, String name) {
		violations.check(!name.isBlank(), field, "is required");
		violations.check(name.length() <= MAX_NAME_LENGTH, field,
				"must be at most %d characters".formatted(MAX_NAME_LENGTH));
	}

	private static void checkEmail(Violations violations, String field, String email) {
		if (email.isEmpty()) {
			violations.add(field, "is required");
			return;
		}
		violations.check(email.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(email).matches(), field,
				"must be an email address such as ada@example.com, not '%s'".formatted(abbreviate(email)));
	}

	private static List<NewOrder> orders(Violations violations, String field, List<Order> orders) {
		List<NewOrder> newOrders = new ArrayList<>();
		for (int i = 0; i < orders.size(); i++) {
			Order order = orders.get(i);
			String orderField = "%s[%d]".formatted(field, i);
			violations.check(order.getStatus().length() <= MAX_ORDER_STATUS_LENGTH, orderField + ".status",
					"must be at most %d characters".formatted(MAX_ORDER_STATUS_LENGTH));
			List<OrderItemEntity> items = new ArrayList<>();
			for (int j = 0; j < order.getItemsCount(); j++) {
				OrderItem item = order.getItems(j);
				String itemField = "%s.items[%d]".formatted(orderField, j);
				violations.check(item.getProductId().length() <= MAX_NAME_LENGTH, itemField + ".product_id",
						"must be at most %d characters".formatted(MAX_NAME_LENGTH));
				violations.check(item.getName().length() <= MAX_NAME_LENGTH, itemField + ".name",
						"must be at most %d characters".formatted(MAX_NAME_LENGTH));
				violations.check(Double.isFinite(item.getPrice()) && item.getPrice() >= 0, itemField + ".price",
						"must be a number not below 0");
				violations.check(item.getQuantity() > 0, itemField + ".quantity", "must be at least 1");
				items.add(new OrderItemEntity(item.getProductId(), item.getName(), item.getPrice(),
						item.getQuantity()));
			}
			newOrders.add(new NewOrder(order.getStatus(), items));
		}
		return newOrders;
	}

	/** Enough of a long value to recognise it in a message. */
	private static String abbreviate(String value) {
		return (value.length() <= 64) ? value : value.substring(0, 61) + "...";
	}

	/**
	 * A page of users to list.
	 * @param status only users of this status, or every user when null
	 * @param offset the users to skip
	 * @param limit the most users on the page
	 */
	record ListQuery(@Nullable UserStatus status, int offset, int limit) {
	}

	/**
	 * The users to stream.
	 * @param status only users of this status, or every user when null
	 * @param limit the most users to send
	 */
	record StreamQuery(@Nullable UserStatus status, long limit) {
	}

}

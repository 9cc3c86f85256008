package io.github.microservicestarter.demo.user.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.microservicestarter.demo.user.UserStatus;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@link UserPageQueries} in plain SQL that runs on H2 and PostgreSQL.
 */
class UserPageQueriesImpl implements UserPageQueries {

	private final NamedParameterJdbcTemplate jdbc;

	UserPageQueriesImpl(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<UserEntity> findPage(UserStatus status, int offset, int limit) {
		MapSqlParameterSource parameters = new MapSqlParameterSource("limit", limit).addValue("offset", offset);
		String where = "";
		if (status != null) {
			where = "WHERE status = :status";
			parameters.addValue("status", status.name());
		}
		return withOrders(this.jdbc.query("SELECT * FROM users " + where + " ORDER BY id LIMIT :limit OFFSET :offset",
				parameters, (row, n) -> user(row)));
	}

	@Override
	public List<UserEntity> findPageAfter(UserStatus status, UUID after, int limit) {
		MapSqlParameterSource parameters = new MapSqlParameterSource("limit", limit);
		List<String> conditions = new ArrayList<>();
		if (status != null) {
			conditions.add("status = :status");
			parameters.addValue("status", status.name());
		}
		if (after != null) {
			conditions.add("id > :after");
			parameters.addValue("after", after);
		}
		String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
		return withOrders(this.jdbc.query("SELECT * FROM users " + where + " ORDER BY id LIMIT :limit", parameters,
				(row, n) -> user(row)));
	}

	/** The users with their orders and items, read for the whole page at once. */
	private List<UserEntity> withOrders(List<UserEntity> users) {
		if (users.isEmpty()) {
			return users;
		}
		Map<String, List<UUID>> userIds = Map.of("userIds", users.stream().map(UserEntity::id).toList());
		Map<UUID, List<OrderItemEntity>> itemsByOrder = new HashMap<>();
		this.jdbc.query("""
				SELECT i.* FROM order_items i JOIN orders o ON o.id = i.order_id
				WHERE o.user_id IN (:userIds) ORDER BY i.order_id, i.position""", userIds,
				(ResultSet row) -> {
					itemsByOrder.computeIfAbsent(row.getObject("order_id", UUID.class), (id) -> new ArrayList<>())
						.add(new OrderItemEntity(row.getString("product_id"), row.getString("name"),
								row.getDouble("price"), row.getInt("quantity")));
				});
		Map<UUID, List<OrderEntity>> ordersByUser = new LinkedHashMap<>();
		this.jdbc.query("SELECT * FROM orders WHERE user_id IN (:userIds) ORDER BY user_id, position", userIds,
				(ResultSet row) -> {
					UUID id = row.getObject("id", UUID.class);
					ordersByUser.computeIfAbsent(row.getObject("user_id", UUID.class), (user) -> new ArrayList<>())
						.add(new OrderEntity(id, row.getString("status"), instant(row, "created_at"),
								itemsByOrder.getOrDefault(id, List.of())));
				});
		return users.stream()
			.map((user) -> new UserEntity(user.id(), user.name(), user.email(), user.status(),
					ordersByUser.getOrDefault(user.id(), List.of()), user.createdAt(), user.updatedAt(),
					user.version()))
			.toList();
	}

	private static UserEntity user(ResultSet row) throws SQLException {
		return new UserEntity(row.getObject("id", UUID.class), row.getString("name"), row.getString("email"),
				UserStatus.valueOf(row.getString("status")), List.of(), instant(row, "created_at"),
				instant(row, "updated_at"), row.getLong("version"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		return row.getObject(column, OffsetDateTime.class).toInstant();
	}

}

package io.github.microservicestarter.demo.user.store;

import java.util.List;

import io.github.microservicestarter.demo.user.UserStatus;

import org.springframework.lang.Nullable;

/**
 * The fields an update replaces; a null field keeps its stored value.
 *
 * @param orders the user's new orders, replacing all stored ones
 */
public record UserChanges(@Nullable String name, @Nullable String email, @Nullable UserStatus status,
		@Nullable List<NewOrder> orders) {

}

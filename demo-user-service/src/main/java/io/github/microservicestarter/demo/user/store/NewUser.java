package io.github.microservicestarter.demo.user.store;

import java.util.List;

import io.github.microservicestarter.demo.user.UserStatus;

/**
 * A user to create; the store assigns ids, timestamps and the version.
 */
public record NewUser(String name, String email, UserStatus status, List<NewOrder> orders) {

}

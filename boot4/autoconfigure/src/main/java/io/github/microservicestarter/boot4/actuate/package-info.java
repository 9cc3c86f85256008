/**
 * The starter's health on Spring Boot 4's health API ({@code org.springframework.boot.health}):
 * adapters of the core's {@code health} package.
 */
package io.github.microservicestarter.boot4.actuate;

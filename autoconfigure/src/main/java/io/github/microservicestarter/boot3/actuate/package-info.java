/**
 * The starter's health on Spring Boot 3's actuator ({@code org.springframework.boot.actuate.health}):
 * adapters of the core's {@code health} package to the health API of this line.
 */
package io.github.microservicestarter.boot3.actuate;

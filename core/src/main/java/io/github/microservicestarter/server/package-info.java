/**
 * The app's gRPC server settings ({@code microservice.app-id}, {@code app-port},
 * {@code app-protocol}, {@code microservice.server.*}), their
 * resolution and checks, the server executor and the startup failure reports. The server itself
 * is the Spring Boot line's: its autoconfigure module hands it these settings (net.devh's starter
 * on Boot 3, Spring Boot's gRPC server on Boot 4).
 */
package io.github.microservicestarter.server;

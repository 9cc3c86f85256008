/**
 * Health both ways: the gRPC health service ({@code grpc.health.v1}) follows the app's liveness
 * and readiness, and the actuator's health shows the gRPC server
 * ({@link io.github.microservicestarter.health.GrpcServerHealth}). The actuator's types differ
 * between Spring Boot lines, so this package reads the actuator through
 * {@link io.github.microservicestarter.health.HealthReadings} and reports to it through
 * {@link io.github.microservicestarter.health.ComponentHealthCheck} beans, which each line's
 * autoconfigure module adapts.
 */
package io.github.microservicestarter.health;

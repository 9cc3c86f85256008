/**
 * The sidecar-style client: {@link io.github.microservicestarter.client.SidecarClient}
 * channels and stubs that call another app by its app id, through the Dapr sidecar or directly,
 * with deadlines, retries of idempotent methods, compression and global interceptors, TLS and
 * Google ID tokens on direct calls (Cloud Run service to service), and its targets in the health
 * and in {@code /actuator/grpc}. Built on grpc-java alone, the same on both
 * Spring Boot lines.
 */
package io.github.microservicestarter.client;

/**
 * The sidecar-style client: {@link io.github.microservicestarter.autoconfigure.client.SidecarClient}
 * channels and stubs that call another app by its app id, through the Dapr sidecar or directly,
 * with deadlines, retries of idempotent methods, compression and global interceptors. Built on
 * grpc-java alone: no net.devh types here.
 */
package io.github.microservicestarter.autoconfigure.client;

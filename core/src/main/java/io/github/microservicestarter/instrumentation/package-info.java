/**
 * Call metrics and traces: the {@code grpc.server} and {@code grpc.client} meters and a span per
 * call, recorded by the starter's own server and client interceptors on Micrometer and Micrometer
 * Tracing, the same on both Spring Boot lines.
 */
package io.github.microservicestarter.instrumentation;

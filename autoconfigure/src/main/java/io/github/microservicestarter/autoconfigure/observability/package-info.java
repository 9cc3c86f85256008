/**
 * What a team runs a service on: call metrics and traces through the starter's instrumentation
 * interceptors (Micrometer meters and Micrometer Tracing spans), gRPC health that follows the app's readiness, a server health indicator, the
 * {@code /actuator/grpc} endpoint and the access log. No net.devh types here.
 */
package io.github.microservicestarter.autoconfigure.observability;

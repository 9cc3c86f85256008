/**
 * TLS for the app's gRPC server from a Spring Boot SSL bundle ({@code microservice.tls.bundle}) or
 * PEM files, with client certificates when asked ({@code microservice.tls.client-auth}), key and
 * trust material that follow the bundle when its files change, and the calling peer's identity
 * ({@link io.github.microservicestarter.tls.PeerIdentity}).
 */
package io.github.microservicestarter.tls;

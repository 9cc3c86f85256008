/**
 * Runs the app's gRPC server on Spring Boot 4's own gRPC server, from the core's server settings:
 * the only package that uses Spring gRPC's types.
 */
package io.github.microservicestarter.boot4.grpc;

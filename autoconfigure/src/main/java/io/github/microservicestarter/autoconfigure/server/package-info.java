/**
 * The app's gRPC server settings ({@code microservice.app-id}, {@code app-port},
 * {@code app-protocol}, {@code microservice.tls.*}, {@code microservice.server.*}), their
 * resolution and checks, the server executor and the startup failure reports. Independent of the
 * library that runs the server.
 */
package io.github.microservicestarter.autoconfigure.server;

/**
 * The app's gRPC server settings ({@code microservice.app-id}, {@code app-port},
 * {@code app-protocol}, {@code microservice.tls.*}, {@code microservice.server.*}), their
 * resolution and checks, the server executor and the startup failure reports. No net.devh types
 * here: package netdevh hands these settings to net.devh's starter, which runs the server.
 */
package io.github.microservicestarter.autoconfigure.server;

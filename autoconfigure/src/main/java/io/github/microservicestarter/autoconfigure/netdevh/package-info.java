/**
 * Binds the server settings to net.devh's grpc-spring-boot-starter, which runs the server: the
 * only package that imports net.devh types.
 */
package io.github.microservicestarter.autoconfigure.netdevh;

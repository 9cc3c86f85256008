/**
 * Runs the app's gRPC server on net.devh's grpc-spring-boot-starter, from the core's server
 * settings: the only package that imports net.devh types.
 */
package io.github.microservicestarter.boot3.netdevh;

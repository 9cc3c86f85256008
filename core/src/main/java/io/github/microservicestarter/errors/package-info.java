/**
 * How the gRPC server's calls end when they go wrong, the same on both Spring Boot lines: the
 * {@link io.github.microservicestarter.errors.GrpcExceptionAdvice} beans that map exceptions to
 * statuses, INVALID_ARGUMENT for requests that cannot be read, INTERNAL without internals for the
 * rest, descriptions and details of bounded size, and warnings that a flood of failures cannot
 * turn into a flood of log lines.
 */
package io.github.microservicestarter.errors;

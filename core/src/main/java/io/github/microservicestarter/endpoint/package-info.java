/**
 * The {@code /actuator/grpc} endpoint (the app's server, services and the sections
 * {@link io.github.microservicestarter.endpoint.GrpcEndpointContributor} beans add) and the
 * actuator defaults for running on a platform.
 */
package io.github.microservicestarter.endpoint;

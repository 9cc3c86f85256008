package io.github.microservicestarter.endpoint;

/**
 * A section of the {@code /actuator/grpc} endpoint beside the server's: declare a bean of this
 * type to add one (the sidecar client adds its targets this way).
 */
public interface GrpcEndpointContributor {

	/**
	 * The section's name in the endpoint's JSON.
	 * @return a key such as {@code clients}
	 */
	String name();

	/**
	 * The section's content, read at each request.
	 * @return a value Jackson can write
	 */
	Object describe();

}

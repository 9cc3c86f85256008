package io.github.microservicestarter.server;

/**
 * The kinds of executor that can run the server's service methods.
 */
public enum ServerExecutorKind {

	/** A bounded pool of threads. */
	FIXED,

	/** grpc-java's default: an unbounded cached pool. */
	CACHED,

	/** No executor: calls run on the transport's event-loop threads. */
	DIRECT

}

package io.github.microservicestarter.instrumentation;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Starts the spans of gRPC calls.
 */
public interface CallTracing {

	/**
	 * Starts the span of a served call, continuing the trace its metadata carries.
	 * @param method the method called
	 * @param authority the call's authority, or null
	 * @param headers the call's metadata
	 * @return the span
	 */
	CallSpan serverSpan(MethodDescriptor<?, ?> method, String authority, Metadata headers);

	/**
	 * Starts the span of a call made, a child of the current span, and writes its trace context
	 * into the call's metadata.
	 * @param method the method called
	 * @param authority the channel's authority, or null
	 * @param targetAppId the app id the call targets, or {@link GrpcClientInstrumentation#NO_TARGET}
	 * @param headers the call's metadata, to carry the trace context
	 * @return the span
	 */
	CallSpan clientSpan(MethodDescriptor<?, ?> method, String authority, String targetAppId, Metadata headers);

}

package io.github.microservicestarter.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Set;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import io.github.microservicestarter.server.DaprMetadata;

/**
 * Lets through only calls whose {@code dapr-api-token} header holds the app API token, every call
 * of an open service, and the questions Dapr's sidecar asks without the token; the others end
 * {@code UNAUTHENTICATED} before any handler runs, and are counted and logged as
 * {@link RefusedCalls} says. Always in place: without a token it lets every call through, so that
 * whether calls need one is decided when the app starts, not when it is built (Spring AOT fixes a
 * build's conditions).
 */
public class AppApiTokenInterceptor implements ServerInterceptor {

	/**
	 * The methods Dapr's sidecar calls without the token even when it has one: daprd (1.18, its
	 * gRPC app channel) sends it with invocations, events and binding events only, not with its app
	 * health probe nor when it asks for the app's subscriptions and input bindings. Refusing them
	 * would keep the app unhealthy and its subscriptions and bindings unread. They take no data and
	 * change nothing; they tell whether the app is healthy and the names of the topics and bindings
	 * it takes, and nothing of its data.
	 */
	private static final Set<String> ASKED_WITHOUT_TOKEN = Set.of("dapr.proto.runtime.v1.AppCallbackHealthCheck/HealthCheck",
			"dapr.proto.runtime.v1.AppCallback/ListTopicSubscriptions",
			"dapr.proto.runtime.v1.AppCallback/ListInputBindings");

	private final byte[] token;

	private final Set<String> openServices;

	private final RefusedCalls refusedCalls;

	/**
	 * Creates the interceptor.
	 * @param token the token calls must carry, or null when calls need none
	 * @param openServices full names of the services that need no token
	 * @param refusedCalls where refusals are counted and logged
	 */
	public AppApiTokenInterceptor(String token, Collection<String> openServices, RefusedCalls refusedCalls) {
		this.token = (token != null) ? token.getBytes(StandardCharsets.UTF_8) : null;
		this.openServices = Set.copyOf(openServices);
		this.refusedCalls = refusedCalls;
	}

	/**
	 * Whether calls need the token.
	 * @return true when a token is set
	 */
	public boolean isRequired() {
		return this.token != null;
	}

	/**
	 * Whether the calls of a method that got through carried the token.
	 * @param method the method
	 * @return true when a token is set, the method's service is not open and Dapr's sidecar does
	 * not ask it without the token
	 */
	public boolean verifies(MethodDescriptor<?, ?> method) {
		return this.token != null && !this.openServices.contains(method.getServiceName())
				&& !ASKED_WITHOUT_TOKEN.contains(method.getFullMethodName());
	}

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		if (!verifies(call.getMethodDescriptor())) {
			return next.startCall(call, headers);
		}
		String presented = headers.get(DaprMetadata.API_TOKEN);
		if (presented == null) {
			return refuse(call, headers, "This app requires the dapr-api-token header: call it through its Dapr "
					+ "sidecar, or send the app API token in that header");
		}
		// Constant time, so the time a refusal takes tells nothing about how much of the token matched.
		if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), this.token)) {
			return refuse(call, headers, "The dapr-api-token header does not hold this app's API token");
		}
		return next.startCall(call, headers);
	}

	private <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Metadata headers, String description) {
		this.refusedCalls.refused(call, headers, "token", description);
		call.close(Status.UNAUTHENTICATED.withDescription(description), new Metadata());
		return new ServerCall.Listener<>() {
		};
	}

}

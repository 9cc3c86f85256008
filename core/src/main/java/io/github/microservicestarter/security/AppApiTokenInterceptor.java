package io.github.microservicestarter.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Set;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import io.github.microservicestarter.server.DaprMetadata;

/**
 * Lets through only calls whose {@code dapr-api-token} header holds the app API token, and every
 * call of an open service; the others end {@code UNAUTHENTICATED} before any handler runs, and are
 * counted and logged as {@link RefusedCalls} says. Always in place: without a token it lets every
 * call through, so that whether calls need one is decided when the app starts, not when it is
 * built (Spring AOT fixes a build's conditions).
 */
public class AppApiTokenInterceptor implements ServerInterceptor {

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
	 * Whether the calls of a service that got through carried the token.
	 * @param service a service's full name
	 * @return true when a token is set and the service is not open
	 */
	public boolean verifies(String service) {
		return this.token != null && !this.openServices.contains(service);
	}

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		if (this.token == null || this.openServices.contains(call.getMethodDescriptor().getServiceName())) {
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

package io.github.microservicestarter.client;

import io.grpc.CallOptions;

/**
 * The app id a sidecar-client call is addressed to, carried in its {@link CallOptions} so that
 * every {@link GlobalClientInterceptor} can read it (for meters, traces and logs) whatever the
 * mode: in sidecar mode the channel's authority is the sidecar, not the target.
 */
public final class TargetAppId {

	/** The call option holding the target app id; set before any global interceptor runs. */
	public static final CallOptions.Key<String> CALL_OPTION = CallOptions.Key.create("microservice.target-app-id");

	private TargetAppId() {
	}

	/** The target app id of a call, or {@code null} for a call not made through the sidecar client. */
	public static String of(CallOptions callOptions) {
		return callOptions.getOption(CALL_OPTION);
	}

}

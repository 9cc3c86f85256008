package io.github.microservicestarter.client;

import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;

/**
 * The first interceptor of a target's calls: names the target app in the call options (see
 * {@link TargetAppId}), and gives calls the target's deadline and compression unless they have
 * their own. A deadline inherited from an incoming call still wins when it is sooner: grpc-java
 * takes the earlier of the call's deadline and the current {@link io.grpc.Context}'s.
 */
class TargetCallOptionsInterceptor implements ClientInterceptor {

	private final ClientTarget target;

	TargetCallOptionsInterceptor(ClientTarget target) {
		this.target = target;
	}

	@Override
	public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions callOptions,
			Channel next) {
		CallOptions options = callOptions.withOption(TargetAppId.CALL_OPTION, this.target.appId());
		if (options.getDeadline() == null && this.target.deadline() != null) {
			options = options.withDeadlineAfter(this.target.deadline().toNanos(), TimeUnit.NANOSECONDS);
		}
		if (options.getCompressor() == null && this.target.compression() != null) {
			options = options.withCompression(this.target.compression());
		}
		return next.newCall(method, options);
	}

}

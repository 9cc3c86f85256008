package io.github.microservicestarter.autoconfigure.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.binder.grpc.DefaultGrpcClientObservationConvention;
import io.micrometer.core.instrument.binder.grpc.GrpcClientObservationContext;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.observation.ObservationRegistry;

import io.github.microservicestarter.autoconfigure.client.TargetAppId;

/**
 * Observes client calls with Micrometer's {@link ObservationGrpcClientInterceptor}, tagging meters
 * and spans with the app id the call targets ({@link TargetAppId}), or {@value #NO_TARGET} for a
 * call without one. The channel's authority cannot tell: in sidecar mode it is the sidecar's.
 */
public class TargetAppIdObservationInterceptor implements ClientInterceptor {

	/** The tag naming the target app id. */
	public static final String TARGET_APP_ID_TAG = "target.app.id";

	/** The tag value of calls made without a target app id. */
	public static final String NO_TARGET = "none";

	private final ObservationRegistry registry;

	/** One interceptor per target, whose convention adds the tag: an app calls few targets. */
	private final Map<String, ObservationGrpcClientInterceptor> interceptors = new ConcurrentHashMap<>();

	public TargetAppIdObservationInterceptor(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions callOptions,
			Channel next) {
		String target = TargetAppId.of(callOptions);
		return this.interceptors.computeIfAbsent((target != null) ? target : NO_TARGET, this::interceptorFor)
			.interceptCall(method, callOptions, next);
	}

	private ObservationGrpcClientInterceptor interceptorFor(String target) {
		ObservationGrpcClientInterceptor interceptor = new ObservationGrpcClientInterceptor(this.registry);
		interceptor.setCustomConvention(new TargetConvention(KeyValue.of(TARGET_APP_ID_TAG, target)));
		return interceptor;
	}

	private static final class TargetConvention extends DefaultGrpcClientObservationConvention {

		private final KeyValue target;

		TargetConvention(KeyValue target) {
			this.target = target;
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(GrpcClientObservationContext context) {
			return super.getLowCardinalityKeyValues(context).and(this.target);
		}

	}

}

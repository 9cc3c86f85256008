package io.github.microservicestarter.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Server interceptors that write down, in one list, which of them saw which call, in the order
 * they ran.
 */
public final class RecordingInterceptors {

	private final List<String> seen = new CopyOnWriteArrayList<>();

	/**
	 * An interceptor that records "name service/method" for each call.
	 * @param name its name in the record
	 * @return the interceptor
	 */
	public ServerInterceptor named(String name) {
		return new ServerInterceptor() {
			@Override
			public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
					ServerCallHandler<Q, A> next) {
				RecordingInterceptors.this.seen.add(name + " " + call.getMethodDescriptor().getFullMethodName());
				return next.startCall(call, headers);
			}
		};
	}

	/**
	 * What the interceptors saw.
	 * @return "name service/method" per interceptor and call, in the order they ran
	 */
	public List<String> seen() {
		return this.seen;
	}

}

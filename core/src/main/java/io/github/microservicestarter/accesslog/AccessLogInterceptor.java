package io.github.microservicestarter.accesslog;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.microservicestarter.server.DaprMetadata;

/**
 * Logs a line per call served, once the call ends: method, status code, duration, the peer's
 * address, the caller's app id (the {@code dapr-caller-app-id} header Dapr sets) and the trace id.
 * Values that are not known are logged as {@code -}.
 */
public class AccessLogInterceptor implements ServerInterceptor {

	/** The logger the lines go to. */
	private static final String LOGGER = "io.github.microservicestarter.access";

	private static final Log logger = LogFactory.getLog(LOGGER);

	private final TraceIds traceIds;

	AccessLogInterceptor(TraceIds traceIds) {
		this.traceIds = traceIds;
	}

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		LoggedCall<Q, A> logged = new LoggedCall<>(call, headers.get(DaprMetadata.CALLER_APP_ID));
		return new SimpleForwardingServerCallListener<>(next.startCall(logged, headers)) {

			// The tracing interceptor, outside this one, runs these in the call's span.

			@Override
			public void onMessage(Q message) {
				logged.noteTrace();
				super.onMessage(message);
			}

			@Override
			public void onHalfClose() {
				logged.noteTrace();
				super.onHalfClose();
			}

		};
	}

	private final class LoggedCall<Q, A> extends SimpleForwardingServerCall<Q, A> {

		private final long start = System.nanoTime();

		private final String caller;

		private volatile String traceId;

		LoggedCall(ServerCall<Q, A> call, String caller) {
			super(call);
			this.caller = caller;
		}

		void noteTrace() {
			if (this.traceId == null) {
				this.traceId = AccessLogInterceptor.this.traceIds.current();
			}
		}

		@Override
		public void close(Status status, Metadata trailers) {
			noteTrace();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.start);
			logger.info("%s %s %dms peer=%s caller=%s trace=%s".formatted(getMethodDescriptor().getFullMethodName(),
					status.getCode(), millis, peer(getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)),
					orDash(this.caller), orDash(this.traceId)));
			super.close(status, trailers);
		}

	}

	private static String peer(SocketAddress address) {
		if (address instanceof InetSocketAddress inet) {
			return inet.getAddress().getHostAddress() + ":" + inet.getPort();
		}
		return (address != null) ? address.toString() : "-";
	}

	private static String orDash(String value) {
		return (value != null) ? value : "-";
	}

}

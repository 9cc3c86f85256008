package io.github.microservicestarter.demo.user;

import java.util.concurrent.atomic.AtomicLong;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.github.microservicestarter.server.GlobalServerInterceptor;

/**
 * Counts, on the server, the messages of the streaming calls: those the service hands to the
 * transport on StreamUsers and those it takes in on BidirectionalStream. What the transport
 * buffers for a slow client is what was sent and not yet read, so these counts show whether the
 * service honours flow control.
 */
@GlobalServerInterceptor
class StreamingMessageCounter implements ServerInterceptor {

	private final AtomicLong streamedUsers = new AtomicLong();

	private final AtomicLong bidirectionalRequests = new AtomicLong();

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		String method = call.getMethodDescriptor().getFullMethodName();
		if (method.equals(UserServiceGrpc.getStreamUsersMethod().getFullMethodName())) {
			return next.startCall(new SimpleForwardingServerCall<>(call) {
				@Override
				public void sendMessage(A message) {
					StreamingMessageCounter.this.streamedUsers.incrementAndGet();
					super.sendMessage(message);
				}
			}, headers);
		}
		if (method.equals(UserServiceGrpc.getBidirectionalStreamMethod().getFullMethodName())) {
			return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
				@Override
				public void onMessage(Q message) {
					StreamingMessageCounter.this.bidirectionalRequests.incrementAndGet();
					super.onMessage(message);
				}
			};
		}
		return next.startCall(call, headers);
	}

	/** The users StreamUsers calls have handed to the transport so far. */
	long streamedUsers() {
		return this.streamedUsers.get();
	}

	/** The requests BidirectionalStream calls have taken in so far. */
	long bidirectionalRequests() {
		return this.bidirectionalRequests.get();
	}

}

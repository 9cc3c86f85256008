package io.github.microservicestarter.bench.jmh;

import java.util.ArrayList;
import java.util.List;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.github.microservicestarter.client.GlobalClientInterceptor;
import io.github.microservicestarter.client.TransportlessSidecarChannels;
import io.github.microservicestarter.server.AnnotatedBeans;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The client side of the chain benchmark: a call to app {@value ChainApplication#TARGET} through the
 * sidecar client's channel, made as the app's {@code SidecarChannels} makes it (its own
 * interceptors and the app's global ones, in its order), ending in a {@link FakeTransport} that
 * answers at once; and {@link #call()} to make one whole unary call on it as a stub does.
 */
final class ClientChain implements AutoCloseable {

	private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent",
			Metadata.ASCII_STRING_MARSHALLER);

	private static final Metadata.Key<String> DAPR_APP_ID = Metadata.Key.of("dapr-app-id",
			Metadata.ASCII_STRING_MARSHALLER);

	private final ChainCase clientCase;

	private final ConfigurableApplicationContext context;

	private final FakeTransport transport = new FakeTransport();

	private final Channel channel;

	private final Answer answer = new Answer();

	private final List<String> chain = new ArrayList<>();

	/**
	 * Starts the case's app, if any, takes its client's chain and checks it with one call.
	 * @param clientCase the case
	 * @throws IllegalStateException when the chain is not what the case measures
	 */
	ClientChain(ChainCase clientCase) {
		this.clientCase = clientCase;
		if (clientCase == ChainCase.BASELINE) {
			this.context = null;
			this.channel = this.transport;
			this.chain.add("none (the transport alone)");
		}
		else {
			this.context = ChainApplication.start(clientCase.settings());
			this.channel = TransportlessSidecarChannels.channel(this.context, ChainApplication.TARGET, this.transport);
			this.chain.add("SidecarChannels' own: reconnect on call, TargetCallOptionsInterceptor");
			AnnotatedBeans.ordered(this.context.getBeanFactory(), ClientInterceptor.class, GlobalClientInterceptor.class)
				.forEach((interceptor) -> this.chain.add(interceptor.getClass().getSimpleName()));
			this.chain.add("SidecarChannels' own: UnavailableTargetInterceptor, SidecarMetadataInterceptor (sidecar mode)");
		}
		check();
	}

	/**
	 * The interceptors a call passes, outermost first.
	 * @return their names
	 */
	List<String> chain() {
		return this.chain;
	}

	/**
	 * One unary call as grpc-java's stubs make it: the call, its start with fresh headers, a request
	 * for the reply, the request and the half-close, on which the transport answers.
	 * @return the status the call closed with
	 */
	Status call() {
		Answer answer = this.answer;
		answer.reset();
		ClientCall<String, String> call = this.channel.newCall(ChainService.METHOD, CallOptions.DEFAULT);
		call.start(answer, new Metadata());
		call.request(2);
		call.sendMessage(ChainService.REQUEST);
		call.halfClose();
		return answer.status;
	}

	/**
	 * Checks with one call that the chain is there and does what the case says: the call ends OK
	 * with the reply, the app's {@code grpc.client} timer counts it, the sidecar client addressed it
	 * to the target, and its traceparent is what the case measures.
	 */
	private void check() {
		this.transport.keepHeaders(true);
		long timed = timedCalls();
		Status status = call();
		Metadata headers = this.transport.lastHeaders();
		this.transport.keepHeaders(false);
		String traceparent = headers.get(TRACEPARENT);
		String flags = (traceparent != null) ? traceparent.substring(traceparent.length() - 2) : null;
		String problem = null;
		if (!status.isOk() || !ChainService.REPLY.equals(this.answer.reply)) {
			problem = "the call ended " + status + " with " + this.answer.reply;
		}
		else if (this.context != null && timedCalls() != timed + 1) {
			problem = "the grpc.client timer did not count the call (" + timed + " before, " + timedCalls() + " after)";
		}
		else if (this.context != null && !ChainApplication.TARGET.equals(headers.get(DAPR_APP_ID))) {
			problem = "the call's dapr-app-id was " + headers.get(DAPR_APP_ID);
		}
		else if (this.context != null && (flags == null ? this.clientCase.clientTraceFlags() != null
				: !flags.equals(this.clientCase.clientTraceFlags()))) {
			problem = "the call's traceparent was " + traceparent + ", its flags not " + this.clientCase.clientTraceFlags();
		}
		if (problem != null) {
			close();
			throw new IllegalStateException("The client chain of case " + this.clientCase + " is not what it measures: "
					+ problem + ". Chain: " + this.chain);
		}
	}

	private long timedCalls() {
		if (this.context == null) {
			return 0;
		}
		return this.context.getBean(MeterRegistry.class)
			.find("grpc.client")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	/** The caller's listener, one for every call: keeps the reply and the status. */
	private static final class Answer extends ClientCall.Listener<String> {

		private String reply;

		private Status status;

		void reset() {
			this.reply = null;
			this.status = null;
		}

		@Override
		public void onMessage(String message) {
			this.reply = message;
		}

		@Override
		public void onClose(Status status, Metadata trailers) {
			this.status = status;
		}

	}

}

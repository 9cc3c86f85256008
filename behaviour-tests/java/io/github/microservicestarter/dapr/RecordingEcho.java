package io.github.microservicestarter.dapr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;

import io.github.microservicestarter.client.probe.EchoGrpc;
import io.github.microservicestarter.client.probe.EchoReply;
import io.github.microservicestarter.client.probe.EchoRequest;
import io.github.microservicestarter.server.GlobalServerInterceptor;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An app serving the Echo service, which records every call that reaches it: its headers, the
 * deadline it arrived with and whether it was cancelled. Some texts make it fail, with rich error
 * details, or never answer.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class RecordingEcho {

	/** Requests with this text are never answered: the caller's deadline ends them. */
	static final String HANG = "hang";

	/** The texts that make the call fail, each with its status. */
	static final List<String> FAILING = List.of("not-found", "invalid", "aborted");

	private final List<ReceivedCall> calls = new CopyOnWriteArrayList<>();

	/**
	 * The status the service fails a request with, as google.rpc.Status with its details.
	 * @param text one of {@link #FAILING}
	 * @return the status
	 */
	static com.google.rpc.Status failure(String text) {
		return switch (text) {
			case "not-found" -> com.google.rpc.Status.newBuilder()
				.setCode(Code.NOT_FOUND_VALUE)
				.setMessage("no echo named 'not-found'")
				.build();
			case "invalid" -> com.google.rpc.Status.newBuilder()
				.setCode(Code.INVALID_ARGUMENT_VALUE)
				.setMessage("text is not valid")
				.addDetails(Any.pack(BadRequest.newBuilder()
					.addFieldViolations(BadRequest.FieldViolation.newBuilder()
						.setField("text")
						.setDescription("must not be 'invalid'"))
					.build()))
				.build();
			case "aborted" -> com.google.rpc.Status.newBuilder()
				.setCode(Code.ABORTED_VALUE)
				.setMessage("the echo changed: read it again")
				.addDetails(Any.pack(ErrorInfo.newBuilder()
					.setReason("ECHO_CHANGED")
					.setDomain("echo.example.org")
					.putMetadata("version", "7")
					.build()))
				.build();
			default -> throw new IllegalArgumentException(text);
		};
	}

	@Bean
	EchoService echoService() {
		return new EchoService();
	}

	@Bean
	@GlobalServerInterceptor
	ServerInterceptor echoRecorder() {
		return new Recorder();
	}

	/**
	 * Every call that reached the service, in order.
	 * @return the calls
	 */
	List<ReceivedCall> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * The calls that reached the service since a number of calls.
	 * @param from the number of calls before
	 * @return the calls after them
	 */
	List<ReceivedCall> callsSince(int from) {
		List<ReceivedCall> all = calls();
		return new ArrayList<>(all.subList(from, all.size()));
	}

	/**
	 * A call as the service received it.
	 * @param method the bare method name
	 * @param headers its headers
	 * @param timeout the time its deadline left when it arrived, or null for a call without one
	 * @param cancelled completes when the call's context is cancelled (its deadline passed, or
	 * the caller cancelled)
	 */
	record ReceivedCall(String method, Metadata headers, Duration timeout, CompletableFuture<Throwable> cancelled) {

		/**
		 * Every value of an ASCII header.
		 * @param name the header's name
		 * @return its values, in order
		 */
		List<String> all(String name) {
			Iterable<String> values = this.headers.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
			List<String> result = new ArrayList<>();
			if (values != null) {
				values.forEach(result::add);
			}
			return result;
		}

	}

	private final class Recorder implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			// The call's own context is current here: its deadline is the one the call arrived with.
			Context context = Context.current();
			Deadline deadline = context.getDeadline();
			CompletableFuture<Throwable> cancelled = new CompletableFuture<>();
			context.addListener((ended) -> cancelled.complete(ended.cancellationCause()),
					MoreExecutors.directExecutor());
			RecordingEcho.this.calls.add(new ReceivedCall(call.getMethodDescriptor().getBareMethodName(), headers,
					(deadline != null) ? Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS)) : null,
					cancelled));
			return next.startCall(call, headers);
		}

	}

	static final class EchoService extends EchoGrpc.EchoImplBase {

		@Override
		public void get(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
			answer(request, responseObserver);
		}

		@Override
		public void post(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
			answer(request, responseObserver);
		}

		private static void answer(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
			if (request.getText().equals(HANG)) {
				return;
			}
			if (FAILING.contains(request.getText())) {
				responseObserver.onError(StatusProto.toStatusRuntimeException(failure(request.getText())));
				return;
			}
			responseObserver.onNext(reply(request.getText()));
			responseObserver.onCompleted();
		}

		@Override
		public void split(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
			for (String word : request.getText().split(" ")) {
				responseObserver.onNext(reply(word));
			}
			responseObserver.onCompleted();
		}

		@Override
		public StreamObserver<EchoRequest> join(StreamObserver<EchoReply> responseObserver) {
			List<String> texts = new ArrayList<>();
			return new StreamObserver<>() {

				@Override
				public void onNext(EchoRequest request) {
					texts.add(request.getText());
				}

				@Override
				public void onError(Throwable error) {
				}

				@Override
				public void onCompleted() {
					responseObserver.onNext(reply(String.join(" ", texts)));
					responseObserver.onCompleted();
				}

			};
		}

		@Override
		public StreamObserver<EchoRequest> chat(StreamObserver<EchoReply> responseObserver) {
			return new StreamObserver<>() {

				@Override
				public void onNext(EchoRequest request) {
					responseObserver.onNext(reply(request.getText()));
				}

				@Override
				public void onError(Throwable error) {
				}

				@Override
				public void onCompleted() {
					responseObserver.onCompleted();
				}

			};
		}

		private static EchoReply reply(String text) {
			return EchoReply.newBuilder().setText(text).setBackend("callee").build();
		}

	}

}

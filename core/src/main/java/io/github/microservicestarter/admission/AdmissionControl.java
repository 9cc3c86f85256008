package io.github.microservicestarter.admission;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;

import io.github.microservicestarter.server.GrpcServerCustomizer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Bounds the calls the server runs at once and refuses the rest at once, before they cost a
 * thread or a queue slot: a call beyond {@code microservice.server.max-concurrent-calls} ends with
 * RESOURCE_EXHAUSTED and a {@code google.rpc.RetryInfo} delay, decided on the transport's thread.
 * Health checks take no permit and answer while the service is saturated: gRPC's on the
 * transport's thread, Dapr's (which reads the actuator's health) on a small pool of their own.
 * <p>
 * It runs as the first {@link GrpcServerCustomizer} after the limits: the transport's event loop
 * becomes the server's executor, where each call's executor is chosen
 * ({@link ServerBuilder#callExecutor}): the service's pool for an admitted call. The pool's queue
 * can then never hold more than twice the admitted calls.
 */
public class AdmissionControl implements GrpcServerCustomizer, Ordered, DisposableBean {

	/**
	 * gRPC's health service, answered on the transport's thread: its answers are read from memory
	 * (the server's health manager), and a hop to another thread is what an overloaded machine
	 * delays most.
	 */
	static final String GRPC_HEALTH = "grpc.health.v1.Health";

	/** Dapr's app health check, answered on the health pool: it reads the actuator's health. */
	static final String DAPR_HEALTH = "dapr.proto.runtime.v1.AppCallbackHealthCheck";

	private static final int HEALTH_THREADS = 2;

	private static final int HEALTH_QUEUE = 100;

	private static final Executor DIRECT = Runnable::run;

	private static final Metadata.Key<com.google.rpc.Status> DETAILS = Metadata.Key.of("grpc-status-details-bin",
			ProtoUtils.metadataMarshaller(com.google.rpc.Status.getDefaultInstance()));

	private final int maxConcurrentCalls;

	private final Semaphore permits;

	private final Executor callExecutor;

	private final boolean onTransportThreads;

	private final ThreadPoolExecutor healthExecutor;

	private final LongAdder refused = new LongAdder();

	private final Status refusal;

	private final com.google.rpc.Status refusalDetails;

	/**
	 * Creates the admission control.
	 * @param maxConcurrentCalls the calls the server runs at once, health checks aside
	 * @param callExecutor where admitted calls run, or null to leave them where the server library
	 * runs them
	 * @param onTransportThreads whether the transport's event loop is the server's executor: true
	 * unless the server library's own executor is to run calls
	 * @param retryDelay the delay a refused call is told to wait
	 */
	public AdmissionControl(int maxConcurrentCalls, Executor callExecutor, boolean onTransportThreads,
			Duration retryDelay) {
		this.maxConcurrentCalls = maxConcurrentCalls;
		this.permits = new Semaphore(maxConcurrentCalls);
		this.callExecutor = callExecutor;
		this.onTransportThreads = onTransportThreads;
		String message = "The server runs as many calls as it can (%d); retry after %d ms".formatted(maxConcurrentCalls,
				retryDelay.toMillis());
		this.refusal = Status.RESOURCE_EXHAUSTED.withDescription(message);
		this.refusalDetails = com.google.rpc.Status.newBuilder()
			.setCode(Code.RESOURCE_EXHAUSTED_VALUE)
			.setMessage(message)
			.addDetails(Any.pack(RetryInfo.newBuilder()
				.setRetryDelay(com.google.protobuf.Duration.newBuilder()
					.setSeconds(retryDelay.getSeconds())
					.setNanos(retryDelay.getNano()))
				.build()))
			.build();
		CustomizableThreadFactory threads = new CustomizableThreadFactory("grpc-health-");
		threads.setDaemon(true);
		this.healthExecutor = new ThreadPoolExecutor(HEALTH_THREADS, HEALTH_THREADS, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(HEALTH_QUEUE), threads, new ThreadPoolExecutor.CallerRunsPolicy());
	}

	@Override
	public void customize(ServerBuilder<?> builder) {
		if (this.onTransportThreads) {
			builder.directExecutor();
		}
		builder.addStreamTracerFactory(new ServerStreamTracer.Factory() {

			@Override
			public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
				return new CallAdmission(AdmissionControl.this.permits);
			}

		});
		builder.callExecutor(new Admission());
		builder.intercept(new Refusal());
	}

	/** Right after the limits, before the app's customizers. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	/**
	 * The calls the server runs at once, health checks aside.
	 * @return the limit
	 */
	public int maxConcurrentCalls() {
		return this.maxConcurrentCalls;
	}

	/**
	 * The calls running now that count against the limit.
	 * @return the admitted calls
	 */
	public int admittedCalls() {
		return this.maxConcurrentCalls - this.permits.availablePermits();
	}

	/**
	 * The calls refused so far for the limit.
	 * @return their number
	 */
	public long refusedCalls() {
		return this.refused.sum();
	}

	@Override
	public void destroy() {
		this.healthExecutor.shutdown();
	}

	private void refuse(ServerCall<?, ?> call) {
		Metadata trailers = new Metadata();
		trailers.put(DETAILS, this.refusalDetails);
		call.close(this.refusal, trailers);
	}

	/** Chooses each call's executor on the transport's thread, admitting it or not. */
	private final class Admission implements ServerCallExecutorSupplier {

		@Override
		public <Q, A> Executor getExecutor(ServerCall<Q, A> call, Metadata headers) {
			String service = call.getMethodDescriptor().getServiceName();
			if (GRPC_HEALTH.equals(service)) {
				return DIRECT;
			}
			if (DAPR_HEALTH.equals(service)) {
				return AdmissionControl.this.healthExecutor;
			}
			CallAdmission admission = CallAdmission.KEY.get();
			if (admission == null || admission.admit()) {
				return AdmissionControl.this.callExecutor;
			}
			AdmissionControl.this.refused.increment();
			return DIRECT;
		}

	}

	/** Ends a refused call where it is, before any interceptor or service sees it. */
	private final class Refusal implements ServerInterceptor {

		@Override
		public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
				ServerCallHandler<Q, A> next) {
			CallAdmission admission = CallAdmission.KEY.get();
			if (admission != null && admission.refused()) {
				refuse(call);
				return new ServerCall.Listener<>() {
				};
			}
			return next.startCall(call, headers);
		}

	}

}

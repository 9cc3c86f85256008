package io.github.microservicestarter.bench.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;

import io.github.microservicestarter.demo.helloworld.GreeterGrpc;
import io.github.microservicestarter.demo.helloworld.HelloReply;
import io.github.microservicestarter.demo.helloworld.HelloRequest;

/**
 * Asks a server on loopback, again and again, until it answers: SayHello with the expected reply
 * for the greeter servers, or SERVING from the health service for the user-service demo.
 */
final class ServerProbe implements AutoCloseable {

	/** How long to wait between two attempts: the resolution of a startup time. */
	private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	private final ManagedChannel channel;

	private final boolean health;

	ServerProbe(int port, boolean health) {
		this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
		this.health = health;
	}

	/** Whether one call succeeds; a server that does not listen yet is a plain {@code false}. */
	boolean answers() {
		try {
			if (this.health) {
				HealthCheckResponse response = HealthGrpc.newBlockingStub(this.channel)
					.withDeadlineAfter(1, TimeUnit.SECONDS)
					.check(HealthCheckRequest.getDefaultInstance());
				return response.getStatus() == HealthCheckResponse.ServingStatus.SERVING;
			}
			HelloReply reply = GreeterGrpc.newBlockingStub(this.channel)
				.withDeadlineAfter(1, TimeUnit.SECONDS)
				.sayHello(HelloRequest.newBuilder().setName("probe").build());
			if (!reply.getMessage().equals("Hello probe")) {
				throw new IllegalStateException("The server answered '" + reply.getMessage() + "', not 'Hello probe'");
			}
			return true;
		}
		catch (StatusRuntimeException ex) {
			Status.Code code = ex.getStatus().getCode();
			if (code != Status.Code.UNAVAILABLE && code != Status.Code.DEADLINE_EXCEEDED) {
				throw ex;
			}
			// Connection refused puts the channel in backoff for a second; the next try must connect at once.
			this.channel.resetConnectBackoff();
			return false;
		}
	}

	/**
	 * Calls until the server answers, for at most the given time and while its process is alive.
	 * @return nanoTime of the first answer, or -1 if none came
	 */
	long awaitAnswer(long timeoutNanos, BooleanSupplier serverAlive) {
		long deadline = System.nanoTime() + timeoutNanos;
		while (!answers()) {
			if (System.nanoTime() > deadline || !serverAlive.getAsBoolean()) {
				return -1;
			}
			LockSupport.parkNanos(RETRY_NANOS);
		}
		return System.nanoTime();
	}

	@Override
	public void close() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

}

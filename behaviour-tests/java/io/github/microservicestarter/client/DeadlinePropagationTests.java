package io.github.microservicestarter.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.client.probe.EchoGrpc;
import io.github.microservicestarter.client.probe.EchoReply;
import io.github.microservicestarter.client.probe.EchoRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A handler that calls another app through the client passes on the deadline of the call it
 * handles: app A, called with 300 ms to go, calls app B, which sees at most 300 ms, not the 30 s
 * configured for B.
 */
class DeadlinePropagationTests {

	@Test
	void incomingCallsDeadlineBoundsTheCallsItsHandlerMakes() throws Exception {
		try (EchoBackend appB = EchoBackend.start("b")) {
			SidecarClientRunner.withEnvironment()
				.withPropertyValues("microservice.clients.b.address=static://" + appB.address(),
						"microservice.clients.b.deadline=30s")
				.run((context) -> {
					EchoGrpc.EchoBlockingStub toB = context.getBean(SidecarChannels.class)
						.stub("b", EchoGrpc.EchoBlockingStub.class);
					Server appA = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
						.addService(new CallsB(toB))
						.build()
						.start();
					ManagedChannel toA = ManagedChannelBuilder.forAddress("127.0.0.1", appA.getPort())
						.usePlaintext()
						.build();
					try {
						assertThatExceptionOfType(StatusRuntimeException.class)
							.isThrownBy(() -> EchoGrpc.newBlockingStub(toA)
								.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
								.get(EchoClient.request(EchoBackend.HANG)))
							.satisfies((ex) -> assertThat(ex.getStatus().getCode())
								.isEqualTo(Status.Code.DEADLINE_EXCEEDED));
						assertThat(appB.calls()).singleElement()
							.satisfies((call) -> assertThat(call.timeout()).isPositive()
								.isLessThanOrEqualTo(Duration.ofMillis(300)));
					}
					finally {
						toA.shutdownNow();
						appA.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
					}
				});
		}
	}

	/** App A: answers Get with app B's answer, calling B on the handler's thread. */
	private static final class CallsB extends EchoGrpc.EchoImplBase {

		private final EchoGrpc.EchoBlockingStub toB;

		CallsB(EchoGrpc.EchoBlockingStub toB) {
			this.toB = toB;
		}

		@Override
		public void get(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
			try {
				responseObserver.onNext(this.toB.get(request));
				responseObserver.onCompleted();
			}
			catch (StatusRuntimeException ex) {
				responseObserver.onError(ex);
			}
		}

	}

}

package io.github.microservicestarter.callback;

import java.util.Set;
import java.util.function.Supplier;

import com.google.protobuf.Empty;
import io.dapr.v1.AppCallbackHealthCheckGrpc;
import io.dapr.v1.DaprAppCallbackProtos.HealthCheckResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * Dapr's {@code AppCallbackHealthCheck} service: answers while the app is healthy, and fails with
 * UNAVAILABLE, which Dapr reads as unhealthy, while its health is DOWN or OUT_OF_SERVICE (the
 * statuses Spring Boot reports as HTTP 503).
 */
public class AppCallbackHealthService extends AppCallbackHealthCheckGrpc.AppCallbackHealthCheckImplBase {

	private static final Set<String> UNHEALTHY = Set.of("DOWN", "OUT_OF_SERVICE");

	private final Supplier<String> status;

	/**
	 * Creates the service.
	 * @param status the app's current health status code (e.g. {@code UP})
	 */
	public AppCallbackHealthService(Supplier<String> status) {
		this.status = status;
	}

	@Override
	public void healthCheck(Empty request, StreamObserver<HealthCheckResponse> responseObserver) {
		String status = this.status.get();
		if (UNHEALTHY.contains(status)) {
			responseObserver.onError(
					Status.UNAVAILABLE.withDescription("The app's health is " + status).asRuntimeException());
			return;
		}
		responseObserver.onNext(HealthCheckResponse.getDefaultInstance());
		responseObserver.onCompleted();
	}

}

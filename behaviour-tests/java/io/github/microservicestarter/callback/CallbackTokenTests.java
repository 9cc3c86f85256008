package io.github.microservicestarter.callback;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.Empty;
import io.dapr.v1.AppCallbackGrpc;
import io.dapr.v1.AppCallbackHealthCheckGrpc;
import io.dapr.v1.DaprAppCallbackProtos.BindingEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.HealthCheckResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With an app API token, callbacks and ordinary services alike need {@code dapr-api-token}; the
 * questions Dapr's sidecar asks without it (the app health check, the subscriptions and the input
 * bindings) do not.
 */
class CallbackTokenTests extends SidecarTests {

	@Test
	void callbackWithoutTheTokenIsUnauthenticatedAndReachesNoHandler() {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> AppCallbackGrpc.newBlockingStub(this.channel)
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.onBindingEvent(BindingEventRequest.newBuilder().setName("storage").build()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(this.handlers.received()).isEmpty();
	}

	@Test
	void callbackWithAnotherTokenIsUnauthenticated() {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> AppCallbackGrpc.newBlockingStub(this.channel)
					.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(token("not-" + TOKEN)))
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.onBindingEvent(BindingEventRequest.newBuilder().setName("storage").build()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(this.handlers.received()).isEmpty();
	}

	@Test
	void callbackWithTheTokenAnswers() {
		appCallback().onBindingEvent(BindingEventRequest.newBuilder().setName("storage").build());
		assertThat(this.handlers.received()).isNotEmpty();
	}

	@Test
	void ordinaryServiceNeedsTheTokenToo() {
		HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS);
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> health.check(HealthCheckRequest.getDefaultInstance()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(health.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(token(TOKEN)))
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus()).isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void questionsTheSidecarAsksWithoutTheTokenAnswer() {
		assertThat(AppCallbackHealthCheckGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.healthCheck(Empty.getDefaultInstance())).isEqualTo(HealthCheckResponse.getDefaultInstance());
		AppCallbackGrpc.AppCallbackBlockingStub withoutToken = AppCallbackGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS);
		assertThat(withoutToken.listTopicSubscriptions(Empty.getDefaultInstance()).getSubscriptionsCount())
			.isPositive();
		assertThat(withoutToken.listInputBindings(Empty.getDefaultInstance()).getBindingsList())
			.containsExactly("storage");
	}

}

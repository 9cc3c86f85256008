package io.github.microservicestarter.autoconfigure.callback;

import com.google.protobuf.Empty;
import io.dapr.v1.DaprAppCallbackProtos.HealthCheckResponse;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Dapr's app health check follows the actuator health: healthy while UP, UNAVAILABLE while DOWN or
 * OUT_OF_SERVICE, healthy again when it recovers.
 */
class AppHealthCheckTests extends SidecarTests {

	@Autowired
	SwitchableHealthIndicator indicator;

	@AfterEach
	void recover() {
		this.indicator.set(Status.UP);
	}

	@Test
	void healthFlipsWithAHealthIndicatorGoingDownAndBack() {
		assertThat(healthCheck().healthCheck(Empty.getDefaultInstance()))
			.isEqualTo(HealthCheckResponse.getDefaultInstance());

		this.indicator.set(Status.DOWN);
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> healthCheck().healthCheck(Empty.getDefaultInstance()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Code.UNAVAILABLE);
		assertThat(failure.getStatus().getDescription()).contains("DOWN");

		this.indicator.set(Status.UP);
		assertThat(healthCheck().healthCheck(Empty.getDefaultInstance()))
			.isEqualTo(HealthCheckResponse.getDefaultInstance());
	}

	@Test
	void outOfServiceIsUnavailable() {
		this.indicator.set(Status.OUT_OF_SERVICE);
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> healthCheck().healthCheck(Empty.getDefaultInstance()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Code.UNAVAILABLE);
		assertThat(failure.getStatus().getDescription()).contains("OUT_OF_SERVICE");
	}

}

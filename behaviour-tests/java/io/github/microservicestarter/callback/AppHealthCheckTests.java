package io.github.microservicestarter.callback;

import com.google.protobuf.Empty;
import io.dapr.v1.DaprAppCallbackProtos.HealthCheckResponse;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.test.SwitchableHealthIndicator;

import org.springframework.beans.factory.annotation.Autowired;

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
		this.indicator.set("UP");
	}

	@Test
	void healthFlipsWithAHealthIndicatorGoingDownAndBack() {
		assertThat(healthCheck().healthCheck(Empty.getDefaultInstance()))
			.isEqualTo(HealthCheckResponse.getDefaultInstance());

		this.indicator.set("DOWN");
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> healthCheck().healthCheck(Empty.getDefaultInstance()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Code.UNAVAILABLE);
		assertThat(failure.getStatus().getDescription()).contains("DOWN");

		this.indicator.set("UP");
		assertThat(healthCheck().healthCheck(Empty.getDefaultInstance()))
			.isEqualTo(HealthCheckResponse.getDefaultInstance());
	}

	@Test
	void outOfServiceIsUnavailable() {
		this.indicator.set("OUT_OF_SERVICE");
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> healthCheck().healthCheck(Empty.getDefaultInstance()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Code.UNAVAILABLE);
		assertThat(failure.getStatus().getDescription()).contains("OUT_OF_SERVICE");
	}

}

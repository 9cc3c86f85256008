package io.github.microservicestarter.boot4;

import java.util.stream.Stream;

import io.grpc.protobuf.services.ProtoReflectionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.microservicestarter.backoff.BackOff;
import io.github.microservicestarter.boot4.actuate.ComponentHealthContributors;
import io.github.microservicestarter.boot4.grpc.ExceptionStatusesHandler;
import io.github.microservicestarter.callback.JsonPayloads;
import io.github.microservicestarter.health.HealthReadings;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.ServedServices;
import io.github.microservicestarter.server.ServerEventsListener;
import io.github.microservicestarter.test.ActuatorHealth;
import io.github.microservicestarter.test.BootAutoConfigurations;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.grpc.server.service.GrpcServiceConfigurer;

/**
 * Every bean of the Spring Boot 4 line's wiring backs off when the app declares its own.
 */
class Boot4BeanBackOffTests {

	private final ApplicationContextRunner runner = GrpcServerRunner.onFreePort()
		.withConfiguration(ActuatorHealth.autoConfigurations())
		.withConfiguration(BootAutoConfigurations.json());

	static Stream<Arguments> beans() {
		return Stream.of(Arguments.of(ServerEventsListener.class), Arguments.of(ServedServices.class),
				Arguments.of(HealthReadings.class), Arguments.of(ExceptionStatusesHandler.class),
				Arguments.of(ComponentHealthContributors.class), Arguments.of(JsonPayloads.class));
	}

	@ParameterizedTest
	@MethodSource("beans")
	void beanOfTheAppsOwnReplacesTheStarters(Class<?> type) {
		BackOff.assertReplaced(this.runner, type, null);
	}

	@Test
	void serviceConfigurerOfTheAppsOwnReplacesTheStarters() {
		BackOff.assertReplaced(this.runner, GrpcServiceConfigurer.class, null,
				() -> (spec, factory) -> spec.service().bindService());
	}

	@Test
	@SuppressWarnings("deprecation")
	void reflectionServiceOfTheAppsOwnReplacesTheStarters() {
		BackOff.assertReplaced(this.runner, ProtoReflectionService.class, null,
				() -> (ProtoReflectionService) ProtoReflectionService.newInstance());
	}

}

package io.github.microservicestarter.boot3;

import java.util.stream.Stream;

import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import net.devh.boot.grpc.server.serverfactory.GrpcServerConfigurer;
import net.devh.boot.grpc.server.service.GrpcServiceDiscoverer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.microservicestarter.backoff.BackOff;
import io.github.microservicestarter.boot3.actuate.ComponentHealthContributors;
import io.github.microservicestarter.boot3.netdevh.AnnotatedServerInterceptors;
import io.github.microservicestarter.callback.JsonPayloads;
import io.github.microservicestarter.health.HealthReadings;
import io.github.microservicestarter.server.GrpcServerRunner;
import io.github.microservicestarter.server.ServedServices;
import io.github.microservicestarter.server.ServerEventsListener;
import io.github.microservicestarter.test.ActuatorHealth;
import io.github.microservicestarter.test.BootAutoConfigurations;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every bean of the Spring Boot 3 line's wiring backs off when the app declares its own.
 */
class Boot3BeanBackOffTests {

	private final ApplicationContextRunner runner = GrpcServerRunner.onFreePort()
		.withConfiguration(ActuatorHealth.autoConfigurations())
		.withConfiguration(BootAutoConfigurations.json());

	static Stream<Arguments> beans() {
		return Stream.of(Arguments.of(ServerEventsListener.class), Arguments.of(AnnotatedServerInterceptors.class),
				Arguments.of(GrpcServiceDiscoverer.class), Arguments.of(ServedServices.class),
				Arguments.of(HealthReadings.class), Arguments.of(ComponentHealthContributors.class),
				Arguments.of(JsonPayloads.class));
	}

	@ParameterizedTest
	@MethodSource("beans")
	void beanOfTheAppsOwnReplacesTheStarters(Class<?> type) {
		BackOff.assertReplaced(this.runner, type, null);
	}

	@Test
	void tlsConfigurerOfTheAppsOwnUnderItsNameReplacesTheStarters() {
		BackOff.assertReplaced(this.runner, GrpcServerConfigurer.class, "appServerTlsConfigurer");
	}

	@Test
	void reflectionServiceOfTheAppsOwnReplacesTheStarters() {
		BackOff.assertReplaced(this.runner, ProtoReflectionServiceV1.class, null,
				() -> (ProtoReflectionServiceV1) ProtoReflectionServiceV1.newInstance());
	}

}

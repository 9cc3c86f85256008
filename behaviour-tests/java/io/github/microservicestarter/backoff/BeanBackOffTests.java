package io.github.microservicestarter.backoff;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.core.instrument.config.MeterFilter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.microservicestarter.accesslog.AccessLogAutoConfiguration;
import io.github.microservicestarter.admission.AdmissionAutoConfiguration;
import io.github.microservicestarter.admission.AdmissionControl;
import io.github.microservicestarter.admission.AdmissionMetrics;
import io.github.microservicestarter.admission.ClientStreamBudget;
import io.github.microservicestarter.accesslog.TraceIds;
import io.github.microservicestarter.callback.AppCallbackHealthService;
import io.github.microservicestarter.callback.AppCallbackService;
import io.github.microservicestarter.callback.CallbackAutoConfiguration;
import io.github.microservicestarter.callback.DaprHandlers;
import io.github.microservicestarter.callback.DaprInvokeHandler;
import io.github.microservicestarter.callback.PayloadConverter;
import io.github.microservicestarter.client.IdTokenSource;
import io.github.microservicestarter.client.SidecarChannels;
import io.github.microservicestarter.client.SidecarClientAutoConfiguration;
import io.github.microservicestarter.client.SidecarClientTargets;
import io.github.microservicestarter.client.SidecarClientsEndpointContributor;
import io.github.microservicestarter.client.SidecarClientsHealth;
import io.github.microservicestarter.endpoint.GrpcEndpoint;
import io.github.microservicestarter.errors.CallErrorsInterceptor;
import io.github.microservicestarter.errors.ErrorMetrics;
import io.github.microservicestarter.errors.ErrorsAutoConfiguration;
import io.github.microservicestarter.errors.ExceptionStatuses;
import io.github.microservicestarter.errors.QuietGrpcLogs;
import io.github.microservicestarter.errors.ServerWarnings;
import io.github.microservicestarter.endpoint.GrpcEndpointAutoConfiguration;
import io.github.microservicestarter.health.GrpcHealthAutoConfiguration;
import io.github.microservicestarter.health.GrpcHealthFollowsAvailability;
import io.github.microservicestarter.health.GrpcServerHealth;
import io.github.microservicestarter.instrumentation.CallSamplerPostProcessor;
import io.github.microservicestarter.instrumentation.CallTracing;
import io.github.microservicestarter.instrumentation.GrpcClientInstrumentation;
import io.github.microservicestarter.instrumentation.GrpcInstrumentationAutoConfiguration;
import io.github.microservicestarter.instrumentation.GrpcServerInstrumentation;
import io.github.microservicestarter.security.AppApiTokenInterceptor;
import io.github.microservicestarter.security.AppSecurityAutoConfiguration;
import io.github.microservicestarter.security.CallerAllowListInterceptor;
import io.github.microservicestarter.security.RefusedCalls;
import io.github.microservicestarter.server.AppServerAutoConfiguration;
import io.github.microservicestarter.server.AppServerSettings;
import io.github.microservicestarter.server.GrpcServerCustomizer;
import io.github.microservicestarter.server.CallsInFlight;
import io.github.microservicestarter.server.GrpcServerLimits;
import io.github.microservicestarter.server.ServedServices;
import io.github.microservicestarter.test.BootAutoConfigurations;
import io.github.microservicestarter.tls.PeerIdentityInterceptor;
import io.github.microservicestarter.tls.ServerTls;
import io.github.microservicestarter.tls.ServerTlsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every bean of the core's auto-configurations backs off when the app declares its own, of the
 * bean's type or, where the bean is looked up by name, of its name: a user replaces any piece.
 */
class BeanBackOffTests {

	/**
	 * Every core auto-configuration, with all it is conditional on: a server's services and health
	 * manager (no server runs), a Dapr handler, an app token, metrics and tracing, and
	 * {@code /actuator/grpc} exposed.
	 */
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AppServerAutoConfiguration.class, ServerTlsAutoConfiguration.class,
				AdmissionAutoConfiguration.class, ErrorsAutoConfiguration.class, AppSecurityAutoConfiguration.class,
				CallbackAutoConfiguration.class, SidecarClientAutoConfiguration.class,
				GrpcInstrumentationAutoConfiguration.class, GrpcHealthAutoConfiguration.class,
				GrpcEndpointAutoConfiguration.class, AccessLogAutoConfiguration.class,
				ApplicationAvailabilityAutoConfiguration.class))
		.withConfiguration(BootAutoConfigurations.json())
		.withConfiguration(BootAutoConfigurations.metrics())
		.withConfiguration(BootAutoConfigurations.tracing())
		.withBean(ServedServices.class, () -> List::of)
		.withBean(HealthStatusManager.class, HealthStatusManager::new)
		.withBean(Handler.class)
		.withPropertyValues("microservice.app-port=0", "microservice.security.app-api-token=secret",
				"microservice.access-log.enabled=true", "management.endpoints.web.exposure.include=grpc");

	static Stream<Arguments> beans() {
		return Stream.of(Arguments.of(AppServerSettings.class), Arguments.of(GrpcServerLimits.class),
				Arguments.of(CallsInFlight.class),
				Arguments.of(AdmissionControl.class), Arguments.of(ClientStreamBudget.class),
				Arguments.of(AdmissionMetrics.class), Arguments.of(ServerWarnings.class),
				Arguments.of(ExceptionStatuses.class), Arguments.of(CallErrorsInterceptor.class),
				Arguments.of(QuietGrpcLogs.class), Arguments.of(ErrorMetrics.class),
				Arguments.of(AppApiTokenInterceptor.class),
				Arguments.of(PayloadConverter.class), Arguments.of(DaprHandlers.class),
				Arguments.of(AppCallbackService.class), Arguments.of(AppCallbackHealthService.class),
				Arguments.of(SidecarChannels.class), Arguments.of(IdTokenSource.class),
				Arguments.of(SidecarClientTargets.class),
				Arguments.of(SidecarClientsHealth.class), Arguments.of(SidecarClientsEndpointContributor.class),
				Arguments.of(GrpcServerInstrumentation.class), Arguments.of(GrpcClientInstrumentation.class),
				Arguments.of(CallTracing.class), Arguments.of(CallSamplerPostProcessor.class),
				Arguments.of(GrpcHealthFollowsAvailability.class),
				Arguments.of(GrpcServerHealth.class), Arguments.of(GrpcEndpoint.class), Arguments.of(TraceIds.class),
				Arguments.of(RefusedCalls.class), Arguments.of(CallerAllowListInterceptor.class),
				Arguments.of(ServerTls.class), Arguments.of(PeerIdentityInterceptor.class));
	}

	@ParameterizedTest
	@MethodSource("beans")
	void beanOfTheAppsOwnReplacesTheStarters(Class<?> type) {
		BackOff.assertReplaced(this.runner, type, null);
	}

	@ParameterizedTest
	@MethodSource("namedBeans")
	void beanOfTheAppsOwnUnderTheStartersNameReplacesIt(Class<?> type, String name) {
		BackOff.assertReplaced(this.runner, type, name);
	}

	static Stream<Arguments> namedBeans() {
		return Stream.of(Arguments.of(ExecutorService.class, AppServerAutoConfiguration.SERVER_EXECUTOR_BEAN_NAME),
				Arguments.of(MeterFilter.class, "grpcMeterFilter"),
				Arguments.of(GrpcServerCustomizer.class, "unknownMethodsBehindToken"));
	}

	static class Handler {

		@DaprInvokeHandler("Echo")
		String echo(String text) {
			return text;
		}

	}

}

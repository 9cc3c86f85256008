package io.github.microservicestarter.server;

import io.github.microservicestarter.admission.AdmissionAutoConfiguration;
import io.github.microservicestarter.errors.ErrorsAutoConfiguration;
import io.github.microservicestarter.boot4.actuate.ActuatorHealthAutoConfiguration;
import io.github.microservicestarter.boot4.grpc.SpringGrpcServerAutoConfiguration;
import io.github.microservicestarter.boot4.jackson.JacksonPayloadAutoConfiguration;
import io.github.microservicestarter.tls.ServerTlsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerServicesAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * Context runners whose contexts really start a gRPC server on refresh: our auto-configuration,
 * this line's wiring and Spring Boot's gRPC server, with no environment variables unless a test
 * adds some. Each line's autoconfigure module has a class of this name with these members, for
 * the behavioural tests.
 */
public final class GrpcServerRunner {

	/** The server library's own port property, which comes second in the port's precedence. */
	public static final String LIBRARY_PORT_PROPERTY = "spring.grpc.server.port";

	private GrpcServerRunner() {
	}

	/**
	 * A runner that starts the server with the settings a test gives it.
	 * @return the runner
	 */
	public static ApplicationContextRunner create() {
		return new ApplicationContextRunner().withInitializer(EnvironmentVariables.of())
			.withConfiguration(AutoConfigurations.of(AppServerAutoConfiguration.class, ServerTlsAutoConfiguration.class,
					AdmissionAutoConfiguration.class, ErrorsAutoConfiguration.class, SpringGrpcServerAutoConfiguration.class,
					ActuatorHealthAutoConfiguration.class, JacksonPayloadAutoConfiguration.class,
					SslAutoConfiguration.class, GrpcServerAutoConfiguration.class,
					GrpcServerServicesAutoConfiguration.class, GrpcServerHealthAutoConfiguration.class));
	}

	/**
	 * The port the context's server listens on.
	 * @param context a context that started a server
	 * @return its port
	 */
	public static int localPort(ApplicationContext context) {
		return context.getEnvironment().getRequiredProperty(LocalAppPort.PROPERTY, Integer.class);
	}

	/**
	 * A runner that starts the server on a free port.
	 * @return the runner
	 */
	public static ApplicationContextRunner onFreePort() {
		return create().withPropertyValues("microservice.app-port=0");
	}

}

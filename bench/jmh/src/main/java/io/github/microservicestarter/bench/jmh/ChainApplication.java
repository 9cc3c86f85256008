package io.github.microservicestarter.bench.jmh;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The app whose interceptor chains the chain benchmark measures: the Boot 3.5 starter as shipped,
 * serving {@link ChainService}, with bench's settings (metrics on, tracing on at the sampling
 * probability of the case) and a sidecar-client target {@value #TARGET} in sidecar mode.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ChainApplication {

	/** The app id the client benchmark calls, through the Dapr sidecar's route. */
	static final String TARGET = "peer";

	/**
	 * The settings of every case: bench's application.yml (metrics of gRPC calls on), no web
	 * server (the interceptors need none), the gRPC server on a free port (it takes no call: the
	 * benchmark calls the chain itself), sampled spans exported nowhere (Spring Boot's Zipkin
	 * exporter, on the class path for comparison 2, is turned off; no OTLP endpoint is set, so
	 * sampled spans end in OpenTelemetry's batch processor with no exporter behind it).
	 */
	private static final List<String> SETTINGS = List.of("--spring.main.banner-mode=off",
			"--management.metrics.enable.grpc=true", "--microservice.app-port=0",
			"--management.zipkin.tracing.export.enabled=false", "--microservice.clients." + TARGET + ".mode=sidecar",
			"--logging.level.root=warn");

	@Bean
	ChainService chainService() {
		return new ChainService();
	}

	/**
	 * Starts the app.
	 * @param settings the case's own settings, as command-line arguments
	 * @return its context
	 */
	static ConfigurableApplicationContext start(String... settings) {
		SpringApplication application = new SpringApplication(ChainApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> arguments = new ArrayList<>(SETTINGS);
		arguments.addAll(List.of(settings));
		return application.run(arguments.toArray(String[]::new));
	}

}

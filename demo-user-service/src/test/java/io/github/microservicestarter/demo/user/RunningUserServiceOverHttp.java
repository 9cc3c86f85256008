package io.github.microservicestarter.demo.user;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The user service as {@link RunningUserService} runs it, with its actuator served over HTTP on a
 * free port and metrics and tracing on as in production (Spring Boot's tests turn them off).
 * Test classes extending this share one application.
 * <p>
 * Exemplars are off: Debian 12's Prometheus (2.42) refuses a whole scrape that carries exemplars
 * on a {@code _count} series, which Prometheus accepts from 2.43 on (see the README).
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "microservice.app-port=0",
		"spring.autoconfigure.exclude="
				+ "org.springframework.boot.actuate.autoconfigure.tracing.prometheus.PrometheusExemplarsAutoConfiguration" })
abstract class RunningUserServiceOverHttp extends RunningUserService {

	@LocalServerPort
	int httpPort;

}

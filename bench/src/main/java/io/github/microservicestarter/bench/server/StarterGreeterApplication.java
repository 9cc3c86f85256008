package io.github.microservicestarter.bench.server;

import io.github.microservicestarter.admission.AdmissionControl;
import io.github.microservicestarter.server.GlobalServerInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The starter as an app uses it: {@link BenchGreeter} as a {@code @GrpcService}, everything else
 * as shipped. The 'observed' profile turns metrics and tracing on.
 */
@SpringBootApplication
public class StarterGreeterApplication {

	// Destroyed after the server stopped taking calls, so the report counts every call. The
	// admission control refuses a call beyond its limit before any interceptor sees it: its own
	// count of those is added, as RESOURCE_EXHAUSTED.
	@Bean(destroyMethod = "report")
	@GlobalServerInterceptor
	CallStatusCounter callStatusCounter(ObjectProvider<AdmissionControl> admissionControl) {
		AdmissionControl admission = admissionControl.getIfAvailable();
		return (admission != null) ? new CallStatusCounter(admission::refusedCalls) : new CallStatusCounter();
	}

	public static void main(String[] args) {
		SpringApplication.run(StarterGreeterApplication.class, args);
	}

}

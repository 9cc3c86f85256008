package io.github.microservicestarter.admission;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The admission control's meters: {@code grpc.server.refused} (calls refused by a limit of the
 * server, tagged {@code reason} {@code max-concurrent-calls} or {@code max-client-stream-size},
 * and {@code rpc.service} {@code all}: the counter the token and caller checks share, whose
 * tags Prometheus wants alike), {@code grpc.server.admitted} (calls running that count against the
 * limit) and {@code grpc.server.admitted.max} (the limit).
 */
public class AdmissionMetrics implements MeterBinder {

	private final AdmissionControl admission;

	private final ClientStreamBudget budget;

	/**
	 * Creates the meters' binder.
	 * @param admission the admission control
	 * @param budget the client-streaming calls' budget
	 */
	public AdmissionMetrics(AdmissionControl admission, ClientStreamBudget budget) {
		this.admission = admission;
		this.budget = budget;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("grpc.server.refused", this.admission, AdmissionControl::refusedCalls)
			.description("Calls refused by a limit of the server, by the limit")
			.tag("reason", "max-concurrent-calls")
			.tag("rpc.service", "all")
			.register(registry);
		FunctionCounter.builder("grpc.server.refused", this.budget, ClientStreamBudget::exceededCalls)
			.description("Calls refused by a limit of the server, by the limit")
			.tag("reason", "max-client-stream-size")
			.tag("rpc.service", "all")
			.register(registry);
		Gauge.builder("grpc.server.admitted", this.admission, AdmissionControl::admittedCalls)
			.description("Calls running that count against microservice.server.max-concurrent-calls")
			.register(registry);
		Gauge.builder("grpc.server.admitted.max", this.admission, AdmissionControl::maxConcurrentCalls)
			.description("microservice.server.max-concurrent-calls")
			.register(registry);
	}

}

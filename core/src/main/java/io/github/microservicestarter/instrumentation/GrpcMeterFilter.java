package io.github.microservicestarter.instrumentation;

import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Shapes the gRPC call timers for dashboards: they publish a histogram (for p50, p95 and p99
 * across instances) unless configured otherwise.
 */
class GrpcMeterFilter implements MeterFilter {

	private static final Set<String> CALL_TIMERS = Set.of("grpc.server", "grpc.client");

	private static final DistributionStatisticConfig HISTOGRAM = DistributionStatisticConfig.builder()
		.percentilesHistogram(true)
		.build();

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		return CALL_TIMERS.contains(id.getName()) ? config.merge(HISTOGRAM) : config;
	}

}

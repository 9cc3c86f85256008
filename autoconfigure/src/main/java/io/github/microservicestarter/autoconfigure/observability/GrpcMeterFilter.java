package io.github.microservicestarter.autoconfigure.observability;

import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Shapes the gRPC meters for dashboards: call timers publish a histogram (for p50, p95 and p99
 * across instances) unless configured otherwise, and the meters recorded before a call ends drop
 * the status code tag, which would always say UNKNOWN there.
 */
class GrpcMeterFilter implements MeterFilter {

	private static final String STATUS_CODE_TAG = "grpc.status_code";

	private static final Set<String> CALL_TIMERS = Set.of("grpc.server", "grpc.client");

	/** Calls in flight and the message and cancellation counters. */
	private static final Set<String> BEFORE_THE_STATUS = Set.of("grpc.server.active", "grpc.server.sent",
			"grpc.server.received", "grpc.server.cancelled", "grpc.client.active", "grpc.client.sent",
			"grpc.client.received");

	private static final DistributionStatisticConfig HISTOGRAM = DistributionStatisticConfig.builder()
		.percentilesHistogram(true)
		.build();

	@Override
	public Meter.Id map(Meter.Id id) {
		if (BEFORE_THE_STATUS.contains(id.getName()) && id.getTag(STATUS_CODE_TAG) != null) {
			return id.replaceTags(id.getTags().stream().filter((tag) -> !STATUS_CODE_TAG.equals(tag.getKey())).toList());
		}
		return id;
	}

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		return CALL_TIMERS.contains(id.getName()) ? config.merge(HISTOGRAM) : config;
	}

}

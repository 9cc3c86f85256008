package io.github.microservicestarter.boot3.netdevh;

import net.devh.boot.grpc.server.autoconfigure.GrpcHealthServiceAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerMetricAutoConfiguration;
import net.devh.boot.grpc.server.autoconfigure.GrpcServerMicrometerTraceAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * net.devh's metric and tracing auto-configurations stay out, its others stay in.
 */
class NetDevhObservabilityFilterTests {

	@Test
	void filterIsRegisteredAndKeepsOutOnlyNetDevhsMetricsAndTracing() {
		AutoConfigurationImportFilter filter = SpringFactoriesLoader.loadFactories(AutoConfigurationImportFilter.class,
				getClass().getClassLoader())
			.stream()
			.filter(NetDevhObservabilityFilter.class::isInstance)
			.findFirst()
			.orElseThrow();
		String[] candidates = { GrpcServerAutoConfiguration.class.getName(),
				GrpcServerMetricAutoConfiguration.class.getName(),
				GrpcServerMicrometerTraceAutoConfiguration.class.getName(),
				GrpcHealthServiceAutoConfiguration.class.getName(), null };
		assertThat(filter.match(candidates, null)).containsExactly(true, false, false, true, true);
	}

}

package io.github.microservicestarter.admission;

import java.util.concurrent.Executor;

import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.microservicestarter.instrumentation.GrpcInstrumentationAutoConfiguration;
import io.github.microservicestarter.server.AppServerAutoConfiguration;
import io.github.microservicestarter.server.AppServerProperties;
import io.github.microservicestarter.server.GlobalServerInterceptor;
import io.github.microservicestarter.server.ServerExecutorKind;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static io.github.microservicestarter.server.ServerPropertyChecks.bytes;
import static io.github.microservicestarter.server.ServerPropertyChecks.notNegative;
import static io.github.microservicestarter.server.ServerPropertyChecks.positive;

/**
 * The server's admission control: its call limit, the executor each call runs on, the cap on
 * client-streaming calls, and their meters.
 */
@AutoConfiguration(after = AppServerAutoConfiguration.class)
public class AdmissionAutoConfiguration {

	/** Inside the call meters and the access log, which see the calls it ends. */
	public static final int BUDGET_ORDER = GrpcInstrumentationAutoConfiguration.INTERCEPTOR_ORDER + 300;

	/**
	 * The admission control, handing admitted calls to the server's executor: the starter's pool,
	 * or the app's bean of that name; without either ('cached' or 'direct') calls stay where the
	 * server library or the transport runs them.
	 * @param properties the server's properties
	 * @param executor the server's executor, if any
	 * @return the admission control
	 */
	@Bean
	@ConditionalOnMissingBean
	AdmissionControl admissionControl(AppServerProperties properties,
			@Qualifier(AppServerAutoConfiguration.SERVER_EXECUTOR_BEAN_NAME) ObjectProvider<Executor> executor) {
		Executor pool = executor.getIfAvailable();
		boolean libraryExecutor = pool == null && properties.getExecutor().getKind() == ServerExecutorKind.CACHED;
		return new AdmissionControl(positive("max-concurrent-calls", properties.getMaxConcurrentCalls()), pool,
				!libraryExecutor, notNegative("overload-retry-delay", properties.getOverloadRetryDelay()));
	}

	@Bean
	@GlobalServerInterceptor
	@Order(BUDGET_ORDER)
	@ConditionalOnMissingBean
	ClientStreamBudget clientStreamBudget(AppServerProperties properties) {
		return new ClientStreamBudget(bytes("max-client-stream-size", properties.getMaxClientStreamSize()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class AdmissionMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AdmissionMetrics admissionMetrics(AdmissionControl admission, ClientStreamBudget budget) {
			return new AdmissionMetrics(admission, budget);
		}

	}

}

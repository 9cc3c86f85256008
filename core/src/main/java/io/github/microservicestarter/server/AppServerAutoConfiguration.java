package io.github.microservicestarter.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The gRPC server's settings, limits and executor, the same whichever library runs the server.
 */
@AutoConfiguration
@EnableConfigurationProperties({ AppProperties.class, AppServerProperties.class })
public class AppServerAutoConfiguration {

	/**
	 * The name of the executor bean that runs service methods. Declare an {@code Executor} bean of
	 * this name to replace ours, whatever {@code microservice.server.executor.kind} says.
	 */
	public static final String SERVER_EXECUTOR_BEAN_NAME = "grpcServerExecutor";

	/** The order of {@link CallsInFlight} among the global interceptors: inside the call meters. */
	public static final int CALLS_IN_FLIGHT_ORDER = 2900;

	@Bean
	@ConditionalOnMissingBean
	AppServerSettings appServerSettings(AppProperties properties, Environment environment) {
		return new AppServerSettingsResolver(environment).resolve(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	GrpcServerLimits grpcServerLimits(AppServerProperties properties) {
		return new GrpcServerLimits(properties);
	}

	/**
	 * The calls the server runs, ended with UNAVAILABLE when the shutdown grace period is over;
	 * inside the call meters (order 2500), which then see how they end.
	 * @return the interceptor
	 */
	@Bean
	@GlobalServerInterceptor
	@Order(CALLS_IN_FLIGHT_ORDER)
	@ConditionalOnMissingBean
	CallsInFlight callsInFlight() {
		return new CallsInFlight();
	}

	@Bean(name = SERVER_EXECUTOR_BEAN_NAME, destroyMethod = "shutdown")
	@ConditionalOnMissingBean(name = SERVER_EXECUTOR_BEAN_NAME)
	@ConditionalOnProperty(name = "microservice.server.executor.kind", havingValue = "fixed", matchIfMissing = true)
	ExecutorService grpcServerExecutor(AppServerProperties properties) {
		int threads = threads(properties.getExecutor().getThreads());
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("grpc-server-");
		threadFactory.setDaemon(true);
		// Bounded threads, queued calls: grpc-java's default cached pool grows a thread per
		// concurrent call and loses throughput to the churn. A call has at most one task queued, and
		// admission control bounds the calls: the queue holds the admitted ones and those ending.
		int queue = 2 * ServerPropertyChecks.positive("max-concurrent-calls", properties.getMaxConcurrentCalls());
		return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
				threadFactory);
	}

	private static int threads(Integer configured) {
		if (configured == null) {
			return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
		}
		if (configured < 1) {
			throw new InvalidAppSettingException("microservice.server.executor.threads",
					configured + " is not a number of threads: the pool needs at least 1.",
					"Set microservice.server.executor.threads to 1 or more, or remove it to get twice the available"
							+ " processors (at least 4).");
		}
		return configured;
	}

}

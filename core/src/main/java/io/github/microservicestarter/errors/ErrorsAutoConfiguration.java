package io.github.microservicestarter.errors;

import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.microservicestarter.instrumentation.GrpcInstrumentationAutoConfiguration;
import io.github.microservicestarter.server.GlobalServerInterceptor;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * How calls that go wrong end, and the server's warnings about them: INVALID_ARGUMENT for
 * unreadable requests, the {@link GrpcExceptionAdvice} beans' statuses for exceptions, bounded
 * descriptions, and grpc-java's transport logs kept to a few lines.
 */
@AutoConfiguration
public class ErrorsAutoConfiguration {

	/** Inside the call meters and the access log, which then see the statuses it sets. */
	public static final int INTERCEPTOR_ORDER = GrpcInstrumentationAutoConfiguration.INTERCEPTOR_ORDER + 200;

	@Bean
	@ConditionalOnMissingBean
	ServerWarnings serverWarnings() {
		return new ServerWarnings();
	}

	@Bean
	@ConditionalOnMissingBean
	ExceptionStatuses exceptionStatuses(ListableBeanFactory beanFactory, ServerWarnings warnings) {
		return new ExceptionStatuses(
				beanFactory.getBeansWithAnnotation(GrpcExceptionAdvice.class).values().stream().toList(), warnings);
	}

	@Bean
	@GlobalServerInterceptor
	@Order(INTERCEPTOR_ORDER)
	@ConditionalOnMissingBean
	CallErrorsInterceptor callErrorsInterceptor(ExceptionStatuses statuses) {
		return new CallErrorsInterceptor(statuses);
	}

	@Bean
	@ConditionalOnMissingBean
	QuietGrpcLogs quietGrpcLogs(ServerWarnings warnings) {
		return new QuietGrpcLogs(warnings);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class ErrorMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ErrorMetrics errorMetrics(ServerWarnings warnings) {
			return new ErrorMetrics(warnings);
		}

	}

}

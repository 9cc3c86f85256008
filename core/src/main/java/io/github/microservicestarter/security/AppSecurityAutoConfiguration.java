package io.github.microservicestarter.security;

import io.grpc.ServerInterceptor;

import io.github.microservicestarter.server.GlobalServerInterceptor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Requires the app API token on every incoming call once one is set, ahead of every other
 * interceptor, so that refused calls reach no logging, metrics or handler.
 */
@AutoConfiguration
@ConditionalOnClass(ServerInterceptor.class)
@EnableConfigurationProperties(AppSecurityProperties.class)
public class AppSecurityAutoConfiguration {

	@Bean
	@GlobalServerInterceptor
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@Conditional(OnAppApiTokenCondition.class)
	@ConditionalOnMissingBean
	AppApiTokenInterceptor appApiTokenInterceptor(AppSecurityProperties properties, Environment environment) {
		return new AppApiTokenInterceptor(properties.resolveAppApiToken(environment),
				properties.getOpenServices());
	}

}

package io.github.microservicestarter.security;

import java.time.Duration;

import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.MeterRegistry;

import io.github.microservicestarter.server.GlobalServerInterceptor;
import io.github.microservicestarter.server.GrpcServerCustomizer;
import io.github.microservicestarter.server.ServedServices;
import io.github.microservicestarter.tls.ServerTls;
import io.github.microservicestarter.tls.ServerTlsAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * The app API token, ahead of every other interceptor, so that refused calls reach no logging,
 * metrics or handler. Its beans are always there and read the token when the app starts (property,
 * then {@code APP_API_TOKEN}): a build processed ahead of time without the token still requires it
 * when run with one.
 */
@AutoConfiguration(after = ServerTlsAutoConfiguration.class, afterName = { "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(ServerInterceptor.class)
@EnableConfigurationProperties(AppSecurityProperties.class)
public class AppSecurityAutoConfiguration {

	/** How long after a caller's refusal is logged its next ones are only counted. */
	private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofMinutes(1);

	@Bean
	@ConditionalOnMissingBean
	RefusedCalls refusedCalls(ObjectProvider<MeterRegistry> registry) {
		return new RefusedCalls(registry.getIfAvailable(), REFUSAL_LOG_INTERVAL);
	}

	@Bean
	@GlobalServerInterceptor
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@ConditionalOnMissingBean
	AppApiTokenInterceptor appApiTokenInterceptor(AppSecurityProperties properties, Environment environment,
			RefusedCalls refusedCalls) {
		return new AppApiTokenInterceptor(properties.resolveAppApiToken(environment), properties.getOpenServices(),
				refusedCalls);
	}

	/**
	 * Which apps may call which services, right after the token, which vouches for the caller id.
	 * @param properties the security properties
	 * @param tokenCheck the token's check
	 * @param tls the server's TLS
	 * @param refusedCalls where refusals are counted and logged
	 * @return the interceptor
	 */
	@Bean
	@GlobalServerInterceptor
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	@ConditionalOnMissingBean
	CallerAllowListInterceptor callerAllowListInterceptor(AppSecurityProperties properties,
			AppApiTokenInterceptor tokenCheck, ServerTls tls, RefusedCalls refusedCalls) {
		return new CallerAllowListInterceptor(properties.getCallers(), tokenCheck, tls, refusedCalls);
	}

	/**
	 * Checks, once every bean is there, that the allow-list names services the server serves.
	 * @param allowList the allow-list
	 * @param served the served services
	 * @return the check
	 */
	@Bean
	static SmartInitializingSingleton callerAllowListNamesCheck(ObjectProvider<CallerAllowListInterceptor> allowList,
			ObjectProvider<ServedServices> served) {
		return () -> served.ifAvailable((services) -> allowList.ifAvailable((list) -> list.checkNames(services.services())));
	}

	/**
	 * Methods the app does not serve answer UNIMPLEMENTED only behind the token.
	 * @param tokenCheck the token's check
	 * @return the server customizer that installs them
	 */
	@Bean
	@ConditionalOnMissingBean(name = "unknownMethodsBehindToken")
	GrpcServerCustomizer unknownMethodsBehindToken(AppApiTokenInterceptor tokenCheck) {
		return (builder) -> builder.fallbackHandlerRegistry(new UnknownMethods(tokenCheck));
	}

}

package io.github.microservicestarter.tls;

import io.github.microservicestarter.server.AppServerAutoConfiguration;
import io.github.microservicestarter.server.AppServerSettings;
import io.github.microservicestarter.server.GlobalServerInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The server's TLS, which each Spring Boot line's server takes. Its beans are always there and
 * decide when the app starts: a build processed ahead of time still serves TLS when run with
 * {@code app-protocol: grpcs}.
 */
@AutoConfiguration(after = AppServerAutoConfiguration.class,
		afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@EnableConfigurationProperties(ServerTlsProperties.class)
public class ServerTlsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServerTls serverTls(AppServerSettings settings, ServerTlsProperties properties, ObjectProvider<SslBundles> bundles) {
		return new ServerTlsResolver(bundles.getIfAvailable()).resolve(settings.protocol(), properties);
	}

	/**
	 * The client certificate's identity for service methods, right after the app's own security
	 * checks.
	 * @param tls the server's TLS
	 * @return the interceptor
	 */
	@Bean
	@GlobalServerInterceptor
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	@ConditionalOnMissingBean
	PeerIdentityInterceptor peerIdentityInterceptor(ServerTls tls) {
		return new PeerIdentityInterceptor(tls);
	}

}

package io.github.microservicestarter.boot4.grpc;

import io.grpc.TlsServerCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.microservicestarter.server.AppServerEvents;
import io.github.microservicestarter.server.AppServerProperties;
import io.github.microservicestarter.server.AppServerSettings;
import io.github.microservicestarter.tls.ServerTls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.core.env.Environment;

/**
 * Writes the resolved {@link AppServerSettings} into Spring Boot's {@link GrpcServerProperties}
 * once they are bound, so the port, TLS and grace period follow {@code microservice.*} (the grace
 * period with the time to end the calls that outlast it, see {@link AppServerEvents}): those win
 * over the {@code spring.grpc.server.*} properties they replace, and a replaced property the app
 * set is logged, once, with the value that applies instead. ({@code spring.grpc.server.port} comes
 * second in the port's precedence, below {@code microservice.app-port}.) TLS goes through an SSL
 * bundle of its own, {@value #SSL_BUNDLE}, made of the {@link ServerTls} bean's reloading managers.
 */
public class GrpcServerPropertiesBinder implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(GrpcServerPropertiesBinder.class);

	/** The SSL bundle the server's TLS is registered as. */
	static final String SSL_BUNDLE = "microservice-grpc-server";

	private final ObjectProvider<AppServerSettings> settings;

	private final ObjectProvider<AppServerProperties> serverProperties;

	private final ObjectProvider<ServerTls> tls;

	private final ObjectProvider<SslBundleRegistry> sslBundles;

	private final Environment environment;

	/**
	 * Creates the binder.
	 * @param settings the server's settings
	 * @param serverProperties the server's other properties
	 * @param tls the server's TLS
	 * @param sslBundles where the TLS bundle is registered
	 * @param environment where the Spring Boot properties the starter replaces may be set
	 */
	public GrpcServerPropertiesBinder(ObjectProvider<AppServerSettings> settings,
			ObjectProvider<AppServerProperties> serverProperties, ObjectProvider<ServerTls> tls,
			ObjectProvider<SslBundleRegistry> sslBundles, Environment environment) {
		this.settings = settings;
		this.serverProperties = serverProperties;
		this.tls = tls;
		this.sslBundles = sslBundles;
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof GrpcServerProperties properties) {
			apply(this.settings.getObject(), this.serverProperties.getObject(), this.tls.getObject(), properties);
		}
		return bean;
	}

	private void apply(AppServerSettings settings, AppServerProperties server, ServerTls serverTls,
			GrpcServerProperties properties) {
		boolean tls = serverTls.isEnabled();
		if (!"spring.grpc.server.port".equals(settings.portSource())) {
			replaced("spring.grpc.server.port", settings.portSource(), settings.port());
		}
		replaced("spring.grpc.server.shutdown.grace-period", "microservice.server.shutdown-grace-period",
				server.getShutdownGracePeriod());
		replaced("spring.grpc.server.ssl.enabled", "microservice.app-protocol", tls);
		replaced("spring.grpc.server.ssl.bundle", "microservice.tls.*", tls ? SSL_BUNDLE : "none");
		replaced("spring.grpc.server.ssl.client-auth", "microservice.tls.client-auth", serverTls.clientAuth());
		properties.setPort(settings.port());
		properties.getShutdown().setGracePeriod(AppServerEvents.libraryGracePeriod(server.getShutdownGracePeriod()));
		properties.getSsl().setEnabled(tls);
		properties.getSsl().setBundle(null);
		if (tls) {
			SslManagerBundle managers = SslManagerBundle.of(serverTls.keyManagerFactory(),
					serverTls.trustManagerFactory());
			this.sslBundles.getObject().registerBundle(SSL_BUNDLE, SslBundle.of(null, null, null, null, managers));
			properties.getSsl().setBundle(SSL_BUNDLE);
			properties.getSsl().setSecure(true);
			properties.getSsl().setClientAuth(TlsServerCredentials.ClientAuth.valueOf(serverTls.clientAuth().name()));
		}
	}

	/** Logs a Spring Boot property the app set that the starter's setting replaces. */
	private void replaced(String property, String setting, Object applied) {
		String set = this.environment.getProperty(property);
		if (set != null) {
			logger.info("Spring Boot's %s=%s is replaced by %s: %s applies".formatted(property, set, setting, applied));
		}
	}

}

package io.github.microservicestarter.boot4.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.github.microservicestarter.server.AppProtocol;
import io.github.microservicestarter.server.AppServerProperties;
import io.github.microservicestarter.server.AppServerSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.core.io.Resource;

/**
 * Writes the resolved {@link AppServerSettings} into Spring Boot's {@link GrpcServerProperties}
 * once they are bound, so the port, TLS and grace period follow {@code microservice.*}. TLS goes
 * through an SSL bundle of its own, {@value #SSL_BUNDLE}, made from the PEM files.
 */
public class GrpcServerPropertiesBinder implements BeanPostProcessor {

	/** The SSL bundle the server's PEM files are registered as. */
	static final String SSL_BUNDLE = "microservice-grpc-server";

	private final ObjectProvider<AppServerSettings> settings;

	private final ObjectProvider<AppServerProperties> serverProperties;

	private final ObjectProvider<SslBundleRegistry> sslBundles;

	/**
	 * Creates the binder.
	 * @param settings the server's settings
	 * @param serverProperties the server's other properties
	 * @param sslBundles where the TLS bundle is registered
	 */
	public GrpcServerPropertiesBinder(ObjectProvider<AppServerSettings> settings,
			ObjectProvider<AppServerProperties> serverProperties, ObjectProvider<SslBundleRegistry> sslBundles) {
		this.settings = settings;
		this.serverProperties = serverProperties;
		this.sslBundles = sslBundles;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof GrpcServerProperties properties) {
			apply(this.settings.getObject(), this.serverProperties.getObject(), properties);
		}
		return bean;
	}

	private void apply(AppServerSettings settings, AppServerProperties server, GrpcServerProperties properties) {
		properties.setPort(settings.port());
		properties.getShutdown().setGracePeriod(server.getShutdownGracePeriod());
		if (settings.protocol() == AppProtocol.GRPCS) {
			PemSslStoreDetails keyStore = PemSslStoreDetails.forCertificate(pem(settings.certificate()))
				.withPrivateKey(pem(settings.privateKey()));
			this.sslBundles.getObject().registerBundle(SSL_BUNDLE, SslBundle.of(new PemSslStoreBundle(keyStore, null)));
			properties.getSsl().setEnabled(true);
			properties.getSsl().setBundle(SSL_BUNDLE);
		}
	}

	private static String pem(Resource resource) {
		try {
			return resource.getContentAsString(StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource.getDescription(), ex);
		}
	}

}

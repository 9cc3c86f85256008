package io.github.microservicestarter.tls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.microservicestarter.server.InvalidAppSettingException;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Client TLS from Spring Boot SSL bundles: the bundle's trust store checks the server, and its key
 * store, when it has one, is the client's certificate for servers that ask (mutual TLS). Both
 * follow the bundle when Spring Boot reloads it; connections opened before keep theirs.
 */
public final class ClientTlsCredentials {

	private static final Log logger = LogFactory.getLog(ClientTlsCredentials.class);

	private final SslBundles bundles;

	private final Map<String, ChannelCredentials> byBundle = new ConcurrentHashMap<>();

	/**
	 * Creates the credentials source.
	 * @param bundles Spring Boot's SSL bundles, or null when the app has none
	 */
	public ClientTlsCredentials(SslBundles bundles) {
		this.bundles = bundles;
	}

	/**
	 * Checks at startup that a bundle can make client credentials.
	 * @param setting the property that names the bundle
	 * @param name the bundle's name
	 * @throws InvalidAppSettingException when it cannot
	 */
	public void check(String setting, String name) {
		SslBundle bundle = BundleManagers.bundle(this.bundles, setting, name);
		if (bundle.getStores().getTrustStore() == null) {
			throw new InvalidAppSettingException(setting, "SSL bundle '" + name + "' has no trust store, so the"
					+ " client would have nothing to check the server's certificate against.",
					"Give the bundle the certificate of the CA that signs the server's: spring.ssl.bundle.pem." + name
							+ ".truststore.certificate (or spring.ssl.bundle.jks." + name + ".truststore.location).");
		}
	}

	/**
	 * The credentials of a bundle that {@link #check} passed, made once and shared by the channels
	 * that use it.
	 * @param name the bundle's name
	 * @return TLS credentials
	 */
	public ChannelCredentials forBundle(String name) {
		return this.byBundle.computeIfAbsent(name, this::create);
	}

	private ChannelCredentials create(String name) {
		SslBundle bundle = BundleManagers.bundle(this.bundles, "spring.ssl.bundle", name);
		ReloadingTrustManager trust = new ReloadingTrustManager(BundleManagers.trustManager(bundle));
		TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder().trustManager(trust);
		ReloadingKeyManager keys = null;
		if (bundle.getStores().getKeyStore() != null) {
			keys = new ReloadingKeyManager(BundleManagers.keyManager(bundle));
			credentials.keyManager(keys);
		}
		ReloadingKeyManager clientKeys = keys;
		this.bundles.addBundleUpdateHandler(name, (reloaded) -> {
			try {
				trust.reload(BundleManagers.trustManager(reloaded));
				if (clientKeys != null && reloaded.getStores().getKeyStore() != null) {
					clientKeys.reload(BundleManagers.keyManager(reloaded));
				}
				logger.info("Reloaded SSL bundle '%s': new client connections use it".formatted(name));
			}
			catch (RuntimeException ex) {
				logger.error("Could not reload SSL bundle '%s', so the client keeps what it had: %s"
					.formatted(name, ex.getMessage()), ex);
			}
		});
		return credentials.build();
	}

}

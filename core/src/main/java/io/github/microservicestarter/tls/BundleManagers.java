package io.github.microservicestarter.tls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.github.microservicestarter.server.InvalidAppSettingException;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * SSL bundles by the name a setting gives, and their X.509 key and trust managers, which the
 * reloading managers delegate to.
 */
final class BundleManagers {

	private BundleManagers() {
	}

	/**
	 * The bundle a setting names.
	 * @param bundles the app's bundles, or null when it has none
	 * @param setting the property that names it
	 * @param name its name
	 * @return the bundle
	 * @throws InvalidAppSettingException when there is none of that name
	 */
	static SslBundle bundle(SslBundles bundles, String setting, String name) {
		if (bundles == null) {
			throw new InvalidAppSettingException(setting, "it names SSL bundle '" + name + "', and this app has no SSL"
					+ " bundles: Spring Boot's SslAutoConfiguration is not active.",
					"Do not exclude SslAutoConfiguration.");
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidAppSettingException(setting, "there is no SSL bundle named '" + name + "'.",
					"Define the bundle under spring.ssl.bundle.pem." + name + " (or spring.ssl.bundle.jks." + name
							+ "), or set " + setting + " to the name of one that is defined.");
		}
	}

	static X509ExtendedKeyManager keyManager(SslBundle bundle) {
		for (KeyManager manager : bundle.getManagers().getKeyManagers()) {
			if (manager instanceof X509ExtendedKeyManager keys) {
				return keys;
			}
		}
		throw new IllegalStateException("The bundle's key store gives no X.509 key manager");
	}

	static X509ExtendedTrustManager trustManager(SslBundle bundle) {
		for (TrustManager manager : bundle.getManagers().getTrustManagers()) {
			if (manager instanceof X509ExtendedTrustManager trust) {
				return trust;
			}
		}
		throw new IllegalStateException("The bundle's trust store gives no X.509 trust manager");
	}

}

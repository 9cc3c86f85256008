package io.github.microservicestarter.tls;

import java.security.KeyStore;
import java.security.Provider;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;

/**
 * Factories that hand out one given manager: the server libraries take factories, and ours must
 * hand them the reloading managers.
 */
final class ManagerFactories {

	private static final Provider PROVIDER = new Provider("microservice-starter", "1", "Reloading TLS managers") {
	};

	private ManagerFactories() {
	}

	static KeyManagerFactory of(KeyManager manager) {
		return new KeyManagerFactory(new KeyManagerFactorySpi() {

			@Override
			protected void engineInit(KeyStore store, char[] password) {
			}

			@Override
			protected void engineInit(ManagerFactoryParameters parameters) {
			}

			@Override
			protected KeyManager[] engineGetKeyManagers() {
				return new KeyManager[] { manager };
			}

		}, PROVIDER, "reloading") {
		};
	}

	static TrustManagerFactory of(TrustManager manager) {
		return new TrustManagerFactory(new TrustManagerFactorySpi() {

			@Override
			protected void engineInit(KeyStore store) {
			}

			@Override
			protected void engineInit(ManagerFactoryParameters parameters) {
			}

			@Override
			protected TrustManager[] engineGetTrustManagers() {
				return new TrustManager[] { manager };
			}

		}, PROVIDER, "reloading") {
		};
	}

}

package io.github.microservicestarter.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Collections;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.microservicestarter.server.AppProtocol;
import io.github.microservicestarter.server.InvalidAppSettingException;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;

/**
 * Resolves the server's {@link ServerTls} from {@code microservice.tls.*}: a Spring Boot SSL bundle,
 * whose reloads it follows, or the PEM shorthand ({@code certificate} and {@code private-key}).
 * Refuses, with the setting to fix, what cannot work.
 */
public final class ServerTlsResolver {

	static final String BUNDLE = "microservice.tls.bundle";

	static final String CLIENT_AUTH = "microservice.tls.client-auth";

	private static final String PROTOCOL = "microservice.app-protocol";

	private static final Log logger = LogFactory.getLog(ServerTlsResolver.class);

	private final SslBundles bundles;

	/**
	 * Creates the resolver.
	 * @param bundles Spring Boot's SSL bundles, or null when the app has none
	 */
	public ServerTlsResolver(SslBundles bundles) {
		this.bundles = bundles;
	}

	/**
	 * Resolves the server's TLS.
	 * @param protocol the protocol the server speaks
	 * @param tls the {@code microservice.tls.*} properties
	 * @return the TLS, or {@link ServerTls#PLAINTEXT}
	 * @throws InvalidAppSettingException when a setting cannot work
	 */
	public ServerTls resolve(AppProtocol protocol, ServerTlsProperties tls) {
		if (protocol != AppProtocol.GRPCS) {
			if (tls.getClientAuth() != ClientAuth.NONE) {
				throw new InvalidAppSettingException(CLIENT_AUTH, "it asks clients for certificates, but " + PROTOCOL
						+ " is " + protocol.value() + ", which has no TLS to ask them in.",
						"Set " + PROTOCOL + " to grpcs, or remove " + CLIENT_AUTH + ".");
			}
			return ServerTls.PLAINTEXT;
		}
		boolean pemFiles = tls.getCertificate() != null || tls.getPrivateKey() != null;
		if (StringUtils.hasText(tls.getBundle())) {
			if (pemFiles) {
				throw new InvalidAppSettingException(BUNDLE, "it is set, and so are " + TlsFiles.CERTIFICATE + " and "
						+ TlsFiles.PRIVATE_KEY + ": the server's certificate would come from two places.",
						"Keep " + BUNDLE + " and remove " + TlsFiles.CERTIFICATE + " and " + TlsFiles.PRIVATE_KEY
								+ ", or the other way round.");
			}
			return fromBundle(tls.getBundle().trim(), tls.getClientAuth());
		}
		if (!pemFiles) {
			throw new InvalidAppSettingException(BUNDLE, PROTOCOL + " is grpcs, which needs the server's certificate"
					+ " and key, and none is set.", "Set " + BUNDLE + " to the name of a Spring Boot SSL bundle"
							+ " (spring.ssl.bundle.pem.<name>.keystore.certificate and .private-key), or "
							+ TlsFiles.CERTIFICATE + " and " + TlsFiles.PRIVATE_KEY + " to PEM files; or set "
							+ PROTOCOL + " to grpc to serve plaintext.");
		}
		return fromPemFiles(readable(TlsFiles.CERTIFICATE, tls.getCertificate()),
				readable(TlsFiles.PRIVATE_KEY, tls.getPrivateKey()), tls.getClientAuth());
	}

	private ServerTls fromBundle(String name, ClientAuth clientAuth) {
		SslBundle bundle = BundleManagers.bundle(this.bundles, BUNDLE, name);
		String source = "SSL bundle '" + name + "'";
		if (bundle.getStores().getKeyStore() == null) {
			throw new InvalidAppSettingException(BUNDLE, source + " has no key store, and the server needs its"
					+ " certificate and private key from one.", "Give the bundle a key store: spring.ssl.bundle.pem."
							+ name + ".keystore.certificate and .private-key (or spring.ssl.bundle.jks." + name
							+ ".keystore.location).");
		}
		if (clientAuth != ClientAuth.NONE && bundle.getStores().getTrustStore() == null) {
			throw new InvalidAppSettingException(CLIENT_AUTH, "it asks clients for certificates, and " + source
					+ " has no trust store to check them against.", "Give the bundle the certificate of the CA that"
							+ " signs client certificates: spring.ssl.bundle.pem." + name
							+ ".truststore.certificate (or spring.ssl.bundle.jks." + name + ".truststore.location).");
		}
		checkValidity(BUNDLE, source, bundle.getStores().getKeyStore());
		ServerTls tls = new ServerTls(source, new ReloadingKeyManager(BundleManagers.keyManager(bundle)),
				(bundle.getStores().getTrustStore() != null) ? new ReloadingTrustManager(BundleManagers.trustManager(bundle)) : null,
				clientAuth);
		this.bundles.addBundleUpdateHandler(name, (reloaded) -> reload(tls, reloaded));
		logger.info("The gRPC server's TLS comes from %s (%s), client certificates: %s"
			.formatted(source, subject(bundle.getStores().getKeyStore()), clientAuth.name().toLowerCase()));
		return tls;
	}

	private static ServerTls fromPemFiles(Resource certificate, Resource privateKey, ClientAuth clientAuth) {
		TlsFiles.check(certificate, privateKey);
		if (clientAuth != ClientAuth.NONE) {
			throw new InvalidAppSettingException(CLIENT_AUTH, "it asks clients for certificates, and "
					+ TlsFiles.CERTIFICATE + " gives no trust store to check them against.",
					"Move the server's certificate and key into a Spring Boot SSL bundle with a trust store"
							+ " (spring.ssl.bundle.pem.<name>.truststore.certificate) and set " + BUNDLE
							+ " to its name.");
		}
		PemSslStoreDetails keyStore = PemSslStoreDetails.forCertificate(content(certificate))
			.withPrivateKey(content(privateKey));
		SslBundle bundle = SslBundle.of(new PemSslStoreBundle(keyStore, null));
		checkValidity(TlsFiles.CERTIFICATE, certificate.getDescription(), bundle.getStores().getKeyStore());
		return new ServerTls(certificate.getDescription(), new ReloadingKeyManager(BundleManagers.keyManager(bundle)), null,
				ClientAuth.NONE);
	}

	private static void reload(ServerTls tls, SslBundle bundle) {
		try {
			tls.keys().reload(BundleManagers.keyManager(bundle));
			if (tls.trust() != null && bundle.getStores().getTrustStore() != null) {
				tls.trust().reload(BundleManagers.trustManager(bundle));
			}
			logger.info("Reloaded %s: new connections get %s; open ones keep theirs"
				.formatted(tls.source(), subject(bundle.getStores().getKeyStore())));
		}
		catch (RuntimeException ex) {
			logger.error("Could not reload %s, so the server keeps the certificate it had: %s"
				.formatted(tls.source(), ex.getMessage()), ex);
		}
	}

	/** A server certificate that has expired fails every handshake: refuse to start with it. */
	private static void checkValidity(String setting, String source, KeyStore keyStore) {
		X509Certificate certificate = certificate(keyStore);
		if (certificate == null) {
			return;
		}
		try {
			certificate.checkValidity();
		}
		catch (CertificateExpiredException | CertificateNotYetValidException ex) {
			throw new InvalidAppSettingException(setting, "the server's certificate in " + source + " ("
					+ certificate.getSubjectX500Principal().getName() + ") is valid from " + certificate.getNotBefore()
					+ " to " + certificate.getNotAfter() + " only, so every TLS client would refuse it.",
					"Renew the certificate, or point " + setting + " at a current one.");
		}
	}

	private static String subject(KeyStore keyStore) {
		X509Certificate certificate = certificate(keyStore);
		return (certificate != null) ? certificate.getSubjectX500Principal().getName() + ", valid until "
				+ certificate.getNotAfter().toInstant() : "no certificate";
	}

	private static X509Certificate certificate(KeyStore keyStore) {
		try {
			for (String alias : Collections.list(keyStore.aliases())) {
				Certificate certificate = keyStore.getCertificate(alias);
				if (keyStore.isKeyEntry(alias) && certificate instanceof X509Certificate x509) {
					return x509;
				}
			}
			return null;
		}
		catch (KeyStoreException ex) {
			throw new IllegalStateException("The bundle's key store cannot be read", ex);
		}
	}

	private static Resource readable(String property, Resource resource) {
		if (resource == null) {
			throw new InvalidAppSettingException(property, PROTOCOL + " is grpcs, which needs a PEM file here, and"
					+ " none is set.", "Set " + property + " to the PEM file (for example file:/etc/tls/tls.crt), or set "
							+ PROTOCOL + " to grpc to serve plaintext.");
		}
		if (!resource.isReadable()) {
			throw new InvalidAppSettingException(property, "cannot read " + resource.getDescription() + ".",
					"Check that the file exists and that this process may read it, or point " + property
							+ " at another file.");
		}
		return resource;
	}

	private static String content(Resource resource) {
		try {
			return resource.getContentAsString(StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource.getDescription(), ex);
		}
	}

}

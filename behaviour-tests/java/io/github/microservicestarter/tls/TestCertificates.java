package io.github.microservicestarter.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real certificates made for a test: a CA, and servers and clients it signs, current or expired,
 * written as PEM or PKCS#12 files for Spring Boot's SSL bundles.
 */
public final class TestCertificates {

	private static final AtomicLong serials = new AtomicLong(System.currentTimeMillis());

	private TestCertificates() {
	}

	/**
	 * A new certificate authority.
	 * @param name its common name
	 * @return the CA
	 */
	public static Issued ca(String name) {
		KeyPair keys = keyPair();
		Instant now = Instant.now();
		return sign(new X500Name("CN=" + name), keys, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), null,
				null, keys.getPrivate(), true);
	}

	/**
	 * A certificate and its private key.
	 * @param certificate the certificate
	 * @param key its private key
	 * @param subject its subject, to sign others with
	 */
	public record Issued(X509Certificate certificate, PrivateKey key, X500Name subject) {

		/**
		 * A certificate for localhost, signed by this CA, valid now.
		 * @param commonName the subject's common name
		 * @return the certificate
		 */
		public Issued issue(String commonName) {
			Instant now = Instant.now();
			return issue(commonName, null, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
		}

		/**
		 * A certificate for localhost, signed by this CA.
		 * @param commonName the subject's common name
		 * @param spiffeId a SPIFFE id for the subject alternative names, or null
		 * @param notBefore start of validity
		 * @param notAfter end of validity
		 * @return the certificate
		 */
		public Issued issue(String commonName, String spiffeId, Instant notBefore, Instant notAfter) {
			return sign(new X500Name("CN=" + commonName), keyPair(), notBefore, notAfter, spiffeId, this.subject,
					this.key, false);
		}

		/**
		 * An expired certificate for localhost, signed by this CA.
		 * @param commonName the subject's common name
		 * @return the certificate
		 */
		public Issued issueExpired(String commonName) {
			Instant now = Instant.now();
			return issue(commonName, null, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
		}

		/**
		 * Writes the certificate as PEM.
		 * @param file where
		 * @return the file
		 */
		public Path writeCertificate(Path file) {
			return writePem(file, this.certificate);
		}

		/**
		 * Writes the private key as unencrypted PKCS#8 PEM.
		 * @param file where
		 * @return the file
		 */
		public Path writeKey(Path file) {
			try {
				return writePem(file, new JcaPKCS8Generator(this.key, null));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * Writes the certificate and key as a PKCS#12 key store.
		 * @param file where
		 * @param password the store's password
		 * @return the file
		 */
		public Path writePkcs12(Path file, String password) {
			try (OutputStream out = Files.newOutputStream(file)) {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				store.setKeyEntry("server", this.key, password.toCharArray(), new X509Certificate[] { this.certificate });
				store.store(out, password.toCharArray());
				return file;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	private static Issued sign(X500Name subject, KeyPair keys, Instant notBefore, Instant notAfter, String spiffeId,
			X500Name issuer, PrivateKey issuerKey, boolean ca) {
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder((issuer != null) ? issuer : subject,
					BigInteger.valueOf(serials.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
					keys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
			if (ca) {
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			}
			else {
				GeneralName localhost = new GeneralName(GeneralName.dNSName, "localhost");
				GeneralNames names = (spiffeId != null)
						? new GeneralNames(new GeneralName[] { localhost,
								new GeneralName(GeneralName.uniformResourceIdentifier, spiffeId) })
						: new GeneralNames(localhost);
				builder.addExtension(Extension.subjectAlternativeName, false, names);
			}
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
			return new Issued(certificate, keys.getPrivate(), subject);
		}
		catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path writePem(Path file, Object object) {
		StringWriter pem = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			// Replace in one step, as a mounted Secret changes: a reader never sees half a file.
			Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), pem.toString());
			return Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package io.github.microservicestarter.tls;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;

import io.github.microservicestarter.server.InvalidAppSettingException;

import org.springframework.core.io.Resource;

/**
 * Checks at startup that a certificate and key are PEM that TLS can use, so that a wrong file is
 * reported with its property rather than as a handshake failure on the first call.
 */
final class TlsFiles {

	static final String CERTIFICATE = "microservice.tls.certificate";

	static final String PRIVATE_KEY = "microservice.tls.private-key";

	private TlsFiles() {
	}

	static void check(Resource certificate, Resource privateKey) {
		checkCertificate(certificate);
		// The certificate is good, so what the server's TLS stack refuses now is the key.
		try (InputStream cert = certificate.getInputStream(); InputStream key = privateKey.getInputStream()) {
			SslContextBuilder.forServer(cert, key).build();
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new InvalidAppSettingException(PRIVATE_KEY, privateKey.getDescription()
					+ " is not a PEM private key of the certificate that TLS can use (" + ex.getMessage() + ").",
					"Point " + PRIVATE_KEY + " at the PEM private key (PKCS#8, unencrypted) of the certificate in "
							+ CERTIFICATE + ".");
		}
	}

	private static void checkCertificate(Resource certificate) {
		String problem;
		try (InputStream cert = certificate.getInputStream()) {
			if (!CertificateFactory.getInstance("X.509").generateCertificates(cert).isEmpty()) {
				return;
			}
			problem = "it holds no certificate";
		}
		catch (IOException | GeneralSecurityException ex) {
			problem = ex.getMessage();
		}
		throw new InvalidAppSettingException(CERTIFICATE,
				certificate.getDescription() + " is not a PEM certificate chain (" + problem + ").",
				"Point " + CERTIFICATE + " at a PEM file that starts with -----BEGIN CERTIFICATE-----.");
	}

}

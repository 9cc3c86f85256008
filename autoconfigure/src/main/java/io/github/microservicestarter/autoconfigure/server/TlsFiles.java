package io.github.microservicestarter.autoconfigure.server;

import java.io.IOException;
import java.io.InputStream;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;

import org.springframework.core.io.Resource;

/**
 * Checks at startup that a certificate and key are PEM that TLS can use, so that a wrong file is
 * reported with its property rather than as a handshake failure on the first call.
 */
final class TlsFiles {

	private TlsFiles() {
	}

	static void check(Resource certificate, Resource privateKey) {
		try (InputStream cert = certificate.getInputStream(); InputStream key = privateKey.getInputStream()) {
			SslContextBuilder.forServer(cert, key).build();
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new InvalidAppSettingException("microservice.tls.certificate / microservice.tls.private-key",
					"cannot use " + certificate.getDescription() + " with " + privateKey.getDescription()
							+ " as a TLS identity: " + ex.getMessage(),
					"Point microservice.tls.certificate at a PEM certificate chain and microservice.tls.private-key at"
							+ " its PEM private key (PKCS#8, unencrypted).");
		}
	}

}

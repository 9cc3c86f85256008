package io.github.microservicestarter.client;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;

import org.springframework.core.io.ClassPathResource;

/**
 * The test CA of {@code tls/}: a server certificate for localhost it signed, and the JDK's trust
 * in it for as long as a test needs, set the way an app would set it, through the
 * {@code javax.net.ssl.trustStore} system properties (which the JDK reads each time a TLS
 * context is built).
 */
final class TestCaTrust implements AutoCloseable {

	private static final String[] PROPERTIES = { "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
			"javax.net.ssl.trustStoreType" };

	private final Map<String, String> previous = new LinkedHashMap<>();

	private TestCaTrust() {
		for (String property : PROPERTIES) {
			this.previous.put(property, System.getProperty(property));
		}
		System.setProperty("javax.net.ssl.trustStore", file("tls/test-ca-truststore.p12").getAbsolutePath());
		System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
		System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
	}

	/**
	 * Makes the JDK trust the test CA, and only it, until closed.
	 * @return the trust, to close
	 */
	static TestCaTrust trusted() {
		return new TestCaTrust();
	}

	/**
	 * A server's TLS with the certificate for localhost and 127.0.0.1 that the test CA signed.
	 * @return the server credentials
	 */
	static ServerCredentials localhostCertificate() {
		try {
			return TlsServerCredentials.create(file("tls/localhost-by-test-ca.crt"), file("tls/localhost-by-test-ca.key"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static File file(String resource) {
		try {
			return new ClassPathResource(resource).getFile();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.previous.forEach((property, value) -> {
			if (value != null) {
				System.setProperty(property, value);
			}
			else {
				System.clearProperty(property);
			}
		});
	}

}

package io.github.microservicestarter.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;

import io.github.microservicestarter.server.ProbeService;

/**
 * A TLS client of a server on localhost: it trusts one CA, may present a client certificate, and
 * remembers the certificate the server presented last.
 */
public final class TlsClient implements AutoCloseable {

	private final ManagedChannel channel;

	private volatile X509Certificate serverCertificate;

	private TlsClient(int port, TestCertificates.Issued trustedCa, TestCertificates.Issued clientCertificate) {
		try {
			TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
				.trustManager(new RecordingTrustManager(trustManager(trustedCa)));
			if (clientCertificate != null) {
				credentials.keyManager(new AlwaysPresentingKeyManager(clientCertificate));
			}
			this.channel = Grpc.newChannelBuilderForAddress("localhost", port, credentials.build()).build();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A client without a certificate of its own.
	 * @param ca the CA it trusts
	 * @param port the server's port
	 * @return the client
	 */
	public static TlsClient trusting(TestCertificates.Issued ca, int port) {
		return new TlsClient(port, ca, null);
	}

	/**
	 * A client that presents a certificate.
	 * @param ca the CA it trusts
	 * @param certificate its certificate, presented whoever signed it
	 * @param port the server's port
	 * @return the client
	 */
	public static TlsClient withCertificate(TestCertificates.Issued ca, TestCertificates.Issued certificate, int port) {
		return new TlsClient(port, ca, certificate);
	}

	/**
	 * The client's channel.
	 * @return the channel
	 */
	public ManagedChannel channel() {
		return this.channel;
	}

	/**
	 * Calls the probe service, which answers what the test's server makes it answer.
	 * @return the answer
	 */
	public String call() {
		return ProbeService.call(this.channel);
	}

	/**
	 * The certificate the server presented in the last handshake.
	 * @return the certificate, or null before any
	 */
	public X509Certificate serverCertificate() {
		return this.serverCertificate;
	}

	@Override
	public void close() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	private static X509ExtendedTrustManager trustManager(TestCertificates.Issued ca) throws GeneralSecurityException,
			IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setCertificateEntry("ca", ca.certificate());
		TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
		factory.init(store);
		return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
	}

	/**
	 * Presents its certificate whichever CAs the server names, as command-line clients do: the
	 * JDK's own key manager would send none that the server's CAs did not sign.
	 */
	private static final class AlwaysPresentingKeyManager extends X509ExtendedKeyManager {

		private static final String ALIAS = "client";

		private final TestCertificates.Issued certificate;

		AlwaysPresentingKeyManager(TestCertificates.Issued certificate) {
			this.certificate = certificate;
		}

		@Override
		public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
			return ALIAS;
		}

		@Override
		public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
			return ALIAS;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return new String[] { ALIAS };
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return null;
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return null;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return new X509Certificate[] { this.certificate.certificate() };
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.certificate.key();
		}

	}

	private final class RecordingTrustManager extends X509ExtendedTrustManager {

		private final X509ExtendedTrustManager trust;

		RecordingTrustManager(X509ExtendedTrustManager trust) {
			this.trust = trust;
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.trust.checkServerTrusted(chain, authType, engine);
			TlsClient.this.serverCertificate = chain[0];
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.trust.checkServerTrusted(chain, authType, socket);
			TlsClient.this.serverCertificate = chain[0];
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.trust.checkServerTrusted(chain, authType);
			TlsClient.this.serverCertificate = chain[0];
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			throw new CertificateException("A client checks no clients");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			throw new CertificateException("A client checks no clients");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("A client checks no clients");
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.trust.getAcceptedIssuers();
		}

	}

}

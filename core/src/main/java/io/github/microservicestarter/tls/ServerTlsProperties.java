package io.github.microservicestarter.tls;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The server's TLS, used when {@code microservice.app-protocol} is grpcs: a Spring Boot SSL bundle,
 * or PEM files as a shorthand.
 */
@ConfigurationProperties("microservice.tls")
public class ServerTlsProperties {

	/**
	 * Name of the Spring Boot SSL bundle (spring.ssl.bundle.pem.<name> or .jks.<name>) with the
	 * server's certificate and key, and, to check client certificates, the trust store. With
	 * reload-on-update, new connections get the new certificate and open ones keep theirs.
	 */
	private String bundle;

	/**
	 * Whether clients must present a certificate the bundle's trust store trusts: none, optional
	 * or require (mutual TLS). The certificate's identity is then the caller's for
	 * microservice.security.callers and PeerIdentity.current().
	 */
	private ClientAuth clientAuth = ClientAuth.NONE;

	/**
	 * PEM file with the server's certificate chain, for example file:/etc/tls/tls.crt: a shorthand
	 * for a bundle, without reload or client certificates.
	 */
	private Resource certificate;

	/**
	 * PEM file with the server's private key (PKCS#8), for example file:/etc/tls/tls.key, with
	 * certificate.
	 */
	private Resource privateKey;

	public String getBundle() {
		return this.bundle;
	}

	public void setBundle(String bundle) {
		this.bundle = bundle;
	}

	public ClientAuth getClientAuth() {
		return this.clientAuth;
	}

	public void setClientAuth(ClientAuth clientAuth) {
		this.clientAuth = clientAuth;
	}

	public Resource getCertificate() {
		return this.certificate;
	}

	public void setCertificate(Resource certificate) {
		this.certificate = certificate;
	}

	public Resource getPrivateKey() {
		return this.privateKey;
	}

	public void setPrivateKey(Resource privateKey) {
		this.privateKey = privateKey;
	}

}

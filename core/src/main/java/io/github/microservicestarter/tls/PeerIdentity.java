package io.github.microservicestarter.tls;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.ServerCall;

/**
 * Who is calling, as the client certificate of a mutual TLS connection says: the certificate, and
 * the app id it names, from its SPIFFE id ({@code spiffe://<trust domain>/ns/<namespace>/<app id>},
 * as Dapr's Sentry issues them) or else its subject's common name.
 * <p>
 * Service methods get it with {@link #current()} when the server asks clients for certificates
 * ({@code microservice.tls.client-auth}).
 *
 * @param appId the app id the certificate names, or null when it names none
 * @param certificate the client's certificate
 */
public record PeerIdentity(String appId, X509Certificate certificate) {

	private static final int URI_NAME = 6;

	static final Context.Key<PeerIdentity> CONTEXT_KEY = Context.key("microservice-peer-identity");

	/**
	 * The identity of the current call's client.
	 * @return the identity, or null when the call came without a client certificate
	 */
	public static PeerIdentity current() {
		return CONTEXT_KEY.get();
	}

	/**
	 * The identity a call's client certificate gives.
	 * @param call a call
	 * @return the identity, or null when the call came without a client certificate
	 */
	public static PeerIdentity of(ServerCall<?, ?> call) {
		SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
		if (session == null) {
			return null;
		}
		Certificate[] chain;
		try {
			chain = session.getPeerCertificates();
		}
		catch (SSLPeerUnverifiedException ex) {
			return null;
		}
		if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
			return null;
		}
		return new PeerIdentity(appId(certificate), certificate);
	}

	static String appId(X509Certificate certificate) {
		String spiffeId = spiffeId(certificate);
		if (spiffeId != null) {
			String path = spiffeId.substring("spiffe://".length());
			int lastSlash = path.lastIndexOf('/');
			return (lastSlash > 0 && lastSlash < path.length() - 1) ? path.substring(lastSlash + 1) : null;
		}
		return commonName(certificate);
	}

	private static String spiffeId(X509Certificate certificate) {
		try {
			Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			if (names == null) {
				return null;
			}
			for (List<?> name : names) {
				if (name.size() == 2 && Integer.valueOf(URI_NAME).equals(name.get(0))
						&& name.get(1) instanceof String uri && uri.startsWith("spiffe://")) {
					return uri;
				}
			}
			return null;
		}
		catch (CertificateParsingException ex) {
			return null;
		}
	}

	private static String commonName(X509Certificate certificate) {
		try {
			for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
				if ("CN".equalsIgnoreCase(rdn.getType())) {
					return String.valueOf(rdn.getValue());
				}
			}
			return null;
		}
		catch (InvalidNameException ex) {
			return null;
		}
	}

}

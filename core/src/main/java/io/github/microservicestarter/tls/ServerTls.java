package io.github.microservicestarter.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;

/**
 * The TLS the app's gRPC server speaks, or none ({@link #PLAINTEXT}). Its key and trust managers
 * follow the SSL bundle when Spring Boot reloads it, so each Spring Boot line's server takes them
 * once, at startup.
 */
public final class ServerTls {

	/** No TLS: the server speaks plaintext HTTP/2. */
	public static final ServerTls PLAINTEXT = new ServerTls(null, null, null, ClientAuth.NONE);

	private final String source;

	private final ReloadingKeyManager keys;

	private final ReloadingTrustManager trust;

	private final ClientAuth clientAuth;

	ServerTls(String source, ReloadingKeyManager keys, ReloadingTrustManager trust, ClientAuth clientAuth) {
		this.source = source;
		this.keys = keys;
		this.trust = trust;
		this.clientAuth = clientAuth;
	}

	/**
	 * Whether the server speaks TLS.
	 * @return false for {@link #PLAINTEXT}
	 */
	public boolean isEnabled() {
		return this.keys != null;
	}

	/**
	 * Where the server's certificate comes from, for logs and reports.
	 * @return for example {@code SSL bundle 'server'}
	 */
	public String source() {
		return this.source;
	}

	/**
	 * Whether clients are asked for a certificate.
	 * @return the client authentication
	 */
	public ClientAuth clientAuth() {
		return this.clientAuth;
	}

	/**
	 * The server's keys, which follow the bundle.
	 * @return a factory of the reloading key manager
	 */
	public KeyManagerFactory keyManagerFactory() {
		requireEnabled();
		return ManagerFactories.of(this.keys);
	}

	/**
	 * What client certificates are checked against: the bundle's trust store, which follows the
	 * bundle, or the JDK's when the bundle has none (and then no client is asked for one).
	 * @return the factory
	 */
	public TrustManagerFactory trustManagerFactory() {
		requireEnabled();
		if (this.trust != null) {
			return ManagerFactories.of(this.trust);
		}
		try {
			TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			jdk.init((KeyStore) null);
			return jdk;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK's trust store cannot be loaded", ex);
		}
	}

	/**
	 * A server TLS context for grpc-netty-shaded, for server libraries that take one.
	 * @return the context
	 */
	public SslContext nettyServerContext() {
		SslContextBuilder builder = GrpcSslContexts.configure(SslContextBuilder.forServer(keyManagerFactory()))
			.trustManager(trustManagerFactory())
			.clientAuth(switch (this.clientAuth) {
				case NONE -> io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth.NONE;
				case OPTIONAL -> io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth.OPTIONAL;
				case REQUIRE -> io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth.REQUIRE;
			});
		try {
			return builder.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("The server's TLS context cannot be built from " + this.source, ex);
		}
	}

	ReloadingKeyManager keys() {
		return this.keys;
	}

	ReloadingTrustManager trust() {
		return this.trust;
	}

	private void requireEnabled() {
		if (!isEnabled()) {
			throw new IllegalStateException("The server speaks plaintext: it has no TLS managers");
		}
	}

}

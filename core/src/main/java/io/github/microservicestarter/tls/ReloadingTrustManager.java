package io.github.microservicestarter.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A trust manager that checks client certificates against the newest of the trust stores it was
 * given. A refused certificate is logged, at most once a minute, with whose it was and why: the
 * client only learns that the handshake failed.
 */
final class ReloadingTrustManager extends X509ExtendedTrustManager {

	private static final Log logger = LogFactory.getLog(ReloadingTrustManager.class);

	private static final long LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

	private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

	private volatile X509ExtendedTrustManager trust;

	ReloadingTrustManager(X509ExtendedTrustManager trust) {
		this.trust = trust;
	}

	void reload(X509ExtendedTrustManager trust) {
		this.trust = trust;
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		this.trust.checkClientTrusted(chain, authType, socket);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		this.trust.checkServerTrusted(chain, authType, socket);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		try {
			this.trust.checkClientTrusted(chain, authType, engine);
		}
		catch (CertificateException ex) {
			logRefused(chain, (engine != null) ? engine.getPeerHost() : null, ex);
			throw ex;
		}
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		this.trust.checkServerTrusted(chain, authType, engine);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.trust.checkClientTrusted(chain, authType);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.trust.checkServerTrusted(chain, authType);
	}

	private void logRefused(X509Certificate[] chain, String peer, CertificateException ex) {
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last < LOG_INTERVAL_NANOS || !this.lastLogged.compareAndSet(last, now)) {
			return;
		}
		String subject = (chain != null && chain.length > 0) ? chain[0].getSubjectX500Principal().getName()
				: "no certificate";
		logger.warn("Refused the TLS client certificate of %s (%s): %s. Further refusals in the next minute are not logged"
			.formatted((peer != null) ? peer : "a client", subject, ex.getMessage()));
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.trust.getAcceptedIssuers();
	}

}

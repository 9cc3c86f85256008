package io.github.microservicestarter.server;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * How this app is reached, named as Dapr names it: its app id, the port it serves gRPC on and the
 * protocol of that port.
 */
@ConfigurationProperties("microservice")
public class AppProperties {

	/**
	 * The app id other apps call this one by. Defaults to spring.application.name, else the APP_ID
	 * environment variable (set by the Dapr CLI), else "application".
	 */
	private String appId;

	/**
	 * The port the gRPC server listens on; 0 picks a free port. When not set: grpc.server.port, then
	 * the PORT environment variable (Cloud Run), then APP_PORT (set by the Dapr CLI), then 50051.
	 */
	private Integer appPort;

	/**
	 * The protocol served on app-port: grpc (plaintext HTTP/2) or grpcs (TLS, with
	 * microservice.tls.certificate and microservice.tls.private-key).
	 */
	private String appProtocol = "grpc";

	/**
	 * The server's TLS identity, used when app-protocol is grpcs.
	 */
	private final Tls tls = new Tls();

	public String getAppId() {
		return this.appId;
	}

	public void setAppId(String appId) {
		this.appId = appId;
	}

	public Integer getAppPort() {
		return this.appPort;
	}

	public void setAppPort(Integer appPort) {
		this.appPort = appPort;
	}

	public String getAppProtocol() {
		return this.appProtocol;
	}

	public void setAppProtocol(String appProtocol) {
		this.appProtocol = appProtocol;
	}

	public Tls getTls() {
		return this.tls;
	}

	/**
	 * The server's PEM certificate chain and private key.
	 */
	public static class Tls {

		/**
		 * PEM file with the server's certificate chain, for example file:/etc/tls/tls.crt.
		 */
		private Resource certificate;

		/**
		 * PEM file with the server's private key (PKCS#8), for example file:/etc/tls/tls.key.
		 */
		private Resource privateKey;

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

}

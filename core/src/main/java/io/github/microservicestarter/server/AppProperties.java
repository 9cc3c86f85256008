package io.github.microservicestarter.server;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
	 * The protocol served on app-port: grpc (plaintext HTTP/2) or grpcs (TLS, with the SSL bundle
	 * named by microservice.tls.bundle, or microservice.tls.certificate and private-key).
	 */
	private String appProtocol = "grpc";

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

}

package io.github.microservicestarter.tls;

/**
 * Whether the server asks TLS clients for a certificate ({@code microservice.tls.client-auth}).
 */
public enum ClientAuth {

	/** Clients are not asked for a certificate. */
	NONE,

	/** Clients are asked; one that sends a certificate must send one the bundle's trust store trusts. */
	OPTIONAL,

	/** Clients must present a certificate the bundle's trust store trusts (mutual TLS). */
	REQUIRE

}

package io.github.microservicestarter.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that answers from the newest of the keys it was given, so that new handshakes use
 * a reloaded certificate while open connections keep theirs.
 * <p>
 * Every alias it hands out names the generation it came from ({@code 3:server}): a handshake that
 * chose its alias just before a reload still gets the chain and the key of that same generation,
 * and a TLS stack that caches key material by alias cannot serve an old certificate under a new
 * generation's alias.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

	private static final char SEPARATOR = ':';

	private volatile Generation current;

	private volatile Generation previous;

	ReloadingKeyManager(X509ExtendedKeyManager keys) {
		this.current = new Generation(1, keys);
	}

	void reload(X509ExtendedKeyManager keys) {
		Generation replaced = this.current;
		this.previous = replaced;
		this.current = new Generation(replaced.number() + 1, keys);
	}

	@Override
	public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
		Generation generation = this.current;
		return generation.alias(generation.keys().chooseEngineServerAlias(keyType, issuers, engine));
	}

	@Override
	public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
		Generation generation = this.current;
		return generation.alias(generation.keys().chooseServerAlias(keyType, issuers, socket));
	}

	@Override
	public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
		Generation generation = this.current;
		return generation.alias(generation.keys().chooseEngineClientAlias(keyTypes, issuers, engine));
	}

	@Override
	public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
		Generation generation = this.current;
		return generation.alias(generation.keys().chooseClientAlias(keyTypes, issuers, socket));
	}

	@Override
	public String[] getServerAliases(String keyType, Principal[] issuers) {
		Generation generation = this.current;
		return generation.aliases(generation.keys().getServerAliases(keyType, issuers));
	}

	@Override
	public String[] getClientAliases(String keyType, Principal[] issuers) {
		Generation generation = this.current;
		return generation.aliases(generation.keys().getClientAliases(keyType, issuers));
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		Generation generation = generationOf(alias);
		return (generation != null) ? generation.keys().getCertificateChain(unqualified(alias)) : null;
	}

	@Override
	public PrivateKey getPrivateKey(String alias) {
		Generation generation = generationOf(alias);
		return (generation != null) ? generation.keys().getPrivateKey(unqualified(alias)) : null;
	}

	private Generation generationOf(String alias) {
		int separator = (alias != null) ? alias.indexOf(SEPARATOR) : -1;
		if (separator < 1) {
			return null;
		}
		String number = alias.substring(0, separator);
		for (Generation generation : new Generation[] { this.current, this.previous }) {
			if (generation != null && number.equals(Integer.toString(generation.number()))) {
				return generation;
			}
		}
		return null;
	}

	private static String unqualified(String alias) {
		return alias.substring(alias.indexOf(SEPARATOR) + 1);
	}

	private record Generation(int number, X509ExtendedKeyManager keys) {

		String alias(String alias) {
			return (alias != null) ? this.number + String.valueOf(SEPARATOR) + alias : null;
		}

		String[] aliases(String[] aliases) {
			return (aliases != null) ? Arrays.stream(aliases).map(this::alias).toArray(String[]::new) : null;
		}

	}

}

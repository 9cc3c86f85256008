package io.github.microservicestarter.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * What Cloud Run does in front of a service that requires authentication, as a server
 * interceptor: a call passes only with {@code authorization: Bearer <jwt>} whose RS256 signature
 * the issuer's key verifies, whose {@code aud} is the service's audience and whose {@code exp}
 * is still ahead; any other ends UNAUTHENTICATED, saying which check failed.
 */
final class IdTokenVerifier implements ServerInterceptor {

	private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
			Metadata.ASCII_STRING_MARSHALLER);

	private final PublicKey issuerKey;

	private final String audience;

	private final List<String> acceptedTokens = new CopyOnWriteArrayList<>();

	/**
	 * Creates the verifier.
	 * @param issuerKey the key of the tokens' issuer
	 * @param audience the audience the tokens must name
	 */
	IdTokenVerifier(PublicKey issuerKey, String audience) {
		this.issuerKey = issuerKey;
		this.audience = audience;
	}

	/** The tokens of every call let through, in order. */
	List<String> acceptedTokens() {
		return List.copyOf(this.acceptedTokens);
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		String refusal = refusal(headers.get(AUTHORIZATION));
		if (refusal != null) {
			call.close(Status.UNAUTHENTICATED.withDescription(refusal), new Metadata());
			return new ServerCall.Listener<>() {
			};
		}
		this.acceptedTokens.add(headers.get(AUTHORIZATION).substring("Bearer ".length()));
		return next.startCall(call, headers);
	}

	private String refusal(String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return "no bearer token";
		}
		String[] parts = authorization.substring("Bearer ".length()).split("\\.");
		if (parts.length != 3) {
			return "not a JWT";
		}
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initVerify(this.issuerKey);
			signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
				return "signature does not verify";
			}
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return "signature does not verify";
		}
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String tokenAudience = claim(payload, "\"aud\":\"([^\"]*)\"");
		if (!this.audience.equals(tokenAudience)) {
			return "audience " + tokenAudience + " is not " + this.audience;
		}
		String expiry = claim(payload, "\"exp\":(\\d+)");
		if (expiry == null || !Instant.ofEpochSecond(Long.parseLong(expiry)).isAfter(Instant.now())) {
			return "expired";
		}
		return null;
	}

	private static String claim(String payload, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(payload);
		return matcher.find() ? matcher.group(1) : null;
	}

}

package io.github.microservicestarter.client;

import java.io.IOException;

/**
 * Gives the Google ID tokens of direct calls to targets with
 * {@code microservice.clients.<app-id>.id-token.audience}. The starter's,
 * {@link MetadataServerIdTokens}, asks the metadata server of the Google Cloud runtime the app
 * runs on; declare a bean of this type for another source, such as Google's auth library with
 * workload identity federation.
 */
@FunctionalInterface
public interface IdTokenSource {

	/**
	 * An ID token for an audience, valid for a call made now. Called on grpc-java's application
	 * executor, before every call: cache tokens while they are valid.
	 * @param audience the audience the token must name in its {@code aud} claim
	 * @return the token, a signed JWT
	 * @throws IOException when no token can be had, with a message that says why in a sentence
	 * a caller can read (it becomes the UNAUTHENTICATED status's description)
	 */
	String idToken(String audience) throws IOException;

}

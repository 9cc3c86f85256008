package io.github.microservicestarter.client;

import java.io.IOException;
import java.util.concurrent.Executor;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Puts a Google ID token on each call to a target as {@code authorization: Bearer <jwt>}, the way
 * Cloud Run authenticates one service to another. A call whose token cannot be had fails
 * UNAUTHENTICATED, saying so in a sentence, and is never sent.
 */
class IdTokenCallCredentials extends CallCredentials {

	private static final Log logger = LogFactory.getLog(IdTokenCallCredentials.class);

	static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
			Metadata.ASCII_STRING_MARSHALLER);

	private final ClientTarget target;

	private final IdTokenSource tokens;

	/**
	 * Creates the credentials of a target's calls.
	 * @param target the target, with the audience of its tokens
	 * @param tokens where tokens come from
	 */
	IdTokenCallCredentials(ClientTarget target, IdTokenSource tokens) {
		this.target = target;
		this.tokens = tokens;
	}

	@Override
	public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
		// The source may block on the metadata server: never on the transport's thread.
		appExecutor.execute(() -> {
			String token;
			try {
				token = this.tokens.idToken(this.target.idTokenAudience());
			}
			catch (IOException | RuntimeException ex) {
				String reason = (ex instanceof IOException) ? ex.getMessage() : "its ID token source failed";
				String call = "the call to app '%s' (audience %s)".formatted(this.target.appId(),
						this.target.idTokenAudience());
				logger.warn("No ID token for " + call, ex);
				applier.fail(Status.UNAUTHENTICATED.withDescription("No ID token for %s: %s".formatted(call, reason))
					.withCause(ex));
				return;
			}
			Metadata headers = new Metadata();
			headers.put(AUTHORIZATION, "Bearer " + token);
			applier.apply(headers);
		});
	}

}

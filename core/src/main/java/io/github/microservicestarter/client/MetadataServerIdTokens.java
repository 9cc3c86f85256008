package io.github.microservicestarter.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ID tokens from Google Cloud's metadata server
 * ({@code /computeMetadata/v1/instance/service-accounts/default/identity}), signed by Google for
 * the service account the app runs as. Each audience's token is kept until shortly before its
 * {@code exp}, so calls reuse it; one call at a time asks for a new one.
 */
public class MetadataServerIdTokens implements IdTokenSource {

	private static final String IDENTITY_PATH = "/computeMetadata/v1/instance/service-accounts/default/identity";

	/** The expiry claim of the token's payload, a number of seconds since the epoch. */
	private static final Pattern EXPIRY = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

	private final String metadataHost;

	private final Duration refreshBefore;

	private final Duration timeout;

	private final HttpClient http;

	private final Map<String, Audience> audiences = new ConcurrentHashMap<>();

	/**
	 * Creates the source.
	 * @param metadataHost the metadata server's host[:port]
	 * @param refreshBefore how long before its expiry a token is replaced
	 * @param timeout how long to wait for the metadata server
	 */
	public MetadataServerIdTokens(String metadataHost, Duration refreshBefore, Duration timeout) {
		this.metadataHost = metadataHost;
		this.refreshBefore = refreshBefore;
		this.timeout = timeout;
		// HTTP/1.1, as Google's client libraries ask the metadata server: no h2c upgrade offered.
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
	}

	@Override
	public String idToken(String audience) throws IOException {
		return this.audiences.computeIfAbsent(audience, Audience::new).token();
	}

	private String fetch(String audience) throws IOException {
		URI uri = URI.create("http://%s%s?audience=%s".formatted(this.metadataHost, IDENTITY_PATH,
				URLEncoder.encode(audience, StandardCharsets.UTF_8)));
		HttpRequest request = HttpRequest.newBuilder(uri).header("Metadata-Flavor", "Google").timeout(this.timeout).build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw new IOException("the metadata server at %s did not answer within %s".formatted(this.metadataHost,
					this.timeout), ex);
		}
		catch (IOException ex) {
			throw new IOException(("the metadata server at %s cannot be reached (outside Google Cloud, set"
					+ " GCE_METADATA_HOST or microservice.client.id-token.metadata-host)").formatted(this.metadataHost),
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for the metadata server", ex);
		}
		if (response.statusCode() != 200) {
			throw new IOException("the metadata server at %s answered HTTP %d".formatted(this.metadataHost,
					response.statusCode()));
		}
		String token = response.body().trim();
		if (token.split("\\.").length != 3) {
			throw new IOException("the metadata server at %s answered something that is not a JWT"
				.formatted(this.metadataHost));
		}
		return token;
	}

	/**
	 * When a token expires, from its {@code exp} claim.
	 * @param token the JWT
	 * @return its expiry, or null when it has none that can be read
	 */
	static Instant expiry(String token) {
		try {
			String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
			Matcher matcher = EXPIRY.matcher(payload);
			return matcher.find() ? Instant.ofEpochSecond(Long.parseLong(matcher.group(1))) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** One audience's token, and who replaces it: one call at a time. */
	private final class Audience {

		private final String audience;

		private String token;

		private Instant refreshAt = Instant.MIN;

		Audience(String audience) {
			this.audience = audience;
		}

		synchronized String token() throws IOException {
			if (this.token == null || !Instant.now().isBefore(this.refreshAt)) {
				String fetched = fetch(this.audience);
				Instant expiry = expiry(fetched);
				// A token without a readable expiry is used once: it may be near its end.
				this.refreshAt = (expiry != null) ? expiry.minus(MetadataServerIdTokens.this.refreshBefore) : Instant.MIN;
				this.token = fetched;
			}
			return this.token;
		}

	}

}

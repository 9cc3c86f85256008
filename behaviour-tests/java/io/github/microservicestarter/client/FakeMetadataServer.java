package io.github.microservicestarter.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Google Cloud's metadata server as the ID token client sees it, over real HTTP on loopback: it
 * answers {@code /computeMetadata/v1/instance/service-accounts/default/identity?audience=...}
 * with a JWT for that audience, signed RS256 with a key of its own, only when the request carries
 * {@code Metadata-Flavor: Google}. It records every request, and can answer with an error instead.
 */
final class FakeMetadataServer implements AutoCloseable {

	static final String IDENTITY_PATH = "/computeMetadata/v1/instance/service-accounts/default/identity";

	/** The service account the tokens are for, as Cloud Run's would name it. */
	static final String SERVICE_ACCOUNT = "summator@demo-project.iam.gserviceaccount.com";

	private final KeyPair signingKey;

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile Duration lifetime = Duration.ofHours(1);

	private volatile int failWith;

	private FakeMetadataServer() throws IOException, GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		this.signingKey = generator.generateKeyPair();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	static FakeMetadataServer start() throws IOException, GeneralSecurityException {
		return new FakeMetadataServer();
	}

	/** Where it listens, host:port, as GCE_METADATA_HOST names a metadata server. */
	String host() {
		return "127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The key that verifies its tokens' signatures, as Google's published keys verify theirs. */
	PublicKey verificationKey() {
		return this.signingKey.getPublic();
	}

	/** Every request received, in order. */
	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/** How long the tokens it issues from now on are valid. */
	void issueTokensValidFor(Duration lifetime) {
		this.lifetime = lifetime;
	}

	/** Answers every request from now on with this HTTP status and no token. */
	void failWith(int httpStatus) {
		this.failWith = httpStatus;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void answer(HttpExchange exchange) throws IOException {
		String flavor = exchange.getRequestHeaders().getFirst("Metadata-Flavor");
		String query = exchange.getRequestURI().getRawQuery();
		String audience = (query != null && query.startsWith("audience="))
				? URLDecoder.decode(query.substring("audience=".length()), StandardCharsets.UTF_8) : null;
		this.requests.add(new Request(exchange.getRequestURI().getPath(), flavor, audience));
		if (this.failWith != 0) {
			respond(exchange, this.failWith, "failing as the test asked");
		}
		else if (!"Google".equals(flavor)) {
			respond(exchange, 403, "Missing Metadata-Flavor:Google header.");
		}
		else if (!IDENTITY_PATH.equals(exchange.getRequestURI().getPath()) || audience == null) {
			respond(exchange, 404, "not found");
		}
		else {
			respond(exchange, 200, token(audience));
		}
	}

	private String token(String audience) {
		Instant now = Instant.now();
		String header = "{\"alg\":\"RS256\",\"kid\":\"test-key\",\"typ\":\"JWT\"}";
		String payload = ("{\"aud\":\"%s\",\"azp\":\"1234567890\",\"email\":\"%s\",\"email_verified\":true,"
				+ "\"exp\":%d,\"iat\":%d,\"iss\":\"https://accounts.google.com\",\"sub\":\"1234567890\"}")
			.formatted(audience, SERVICE_ACCOUNT, now.plus(this.lifetime).getEpochSecond(), now.getEpochSecond());
		String signed = base64(header) + "." + base64(payload);
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(this.signingKey.getPrivate());
			signature.update(signed.getBytes(StandardCharsets.US_ASCII));
			return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/text");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * A request the server received.
	 * @param path its path
	 * @param metadataFlavor its Metadata-Flavor header, or null
	 * @param audience the audience it asked for, or null
	 */
	record Request(String path, String metadataFlavor, String audience) {
	}

}

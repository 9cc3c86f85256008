package io.github.microservicestarter.instrumentation;

/**
 * A call's peer as its authority names it ({@code host}, {@code host:port} or {@code [v6]:port}),
 * split by hand: a {@code java.net.URI} per call showed in the benchmark's profile.
 *
 * @param name the host, as written in the authority
 * @param port the port, or null when the authority has none or it is not a number
 */
record Peer(String name, Integer port) {

	static Peer of(String authority) {
		int colon = authority.lastIndexOf(':');
		if (colon <= authority.lastIndexOf(']')) {
			return new Peer(authority, null);
		}
		String host = authority.substring(0, colon);
		try {
			return new Peer(host, Integer.valueOf(authority.substring(colon + 1)));
		}
		catch (NumberFormatException ex) {
			return new Peer(host, null);
		}
	}

}

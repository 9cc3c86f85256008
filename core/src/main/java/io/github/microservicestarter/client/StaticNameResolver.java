package io.github.microservicestarter.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;

/**
 * Resolves {@code static://host1:port1,host2:port2} to those addresses, one balanced endpoint per
 * host:port. Host names are looked up on every resolution, so a restarted container's new address
 * is found on reconnect.
 */
final class StaticNameResolver extends NameResolver {

	/** The target scheme. */
	static final String SCHEME = "static";

	private static final String PREFIX = SCHEME + "://";

	private final List<InetSocketAddress> endpoints;

	private final Executor executor;

	private Listener2 listener;

	private StaticNameResolver(List<InetSocketAddress> endpoints, Executor executor) {
		this.endpoints = endpoints;
		this.executor = executor;
	}

	/**
	 * The gRPC target of a static address: grpc-java's URI parser refuses commas in an
	 * authority, so the list moves to the path, {@code static:///host:port,host:port}.
	 * @param address static://host:port[,host:port...]
	 * @return the target to build a channel for
	 */
	static String grpcTarget(String address) {
		return SCHEME + ":///" + address.substring(PREFIX.length());
	}

	/**
	 * Whether a target is a static one.
	 * @param target a gRPC target
	 * @return true when it starts with static://
	 */
	static boolean isStatic(String target) {
		return target.startsWith(PREFIX);
	}

	/**
	 * Parses the host:port list of a static target.
	 * @param target static://host:port[,host:port...]
	 * @return the unresolved endpoints
	 * @throws IllegalArgumentException when an entry is not host:port
	 */
	static List<InetSocketAddress> parse(String target) {
		String list = target.substring(PREFIX.length());
		List<InetSocketAddress> endpoints = new ArrayList<>();
		for (String entry : list.split(",", -1)) {
			String trimmed = entry.trim();
			int colon = trimmed.lastIndexOf(':');
			int port = (colon > 0) ? port(trimmed.substring(colon + 1)) : -1;
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("'" + trimmed + "' is not host:port with a port from 1 to 65535");
			}
			String host = trimmed.substring(0, colon);
			if (host.startsWith("[") && host.endsWith("]")) {
				host = host.substring(1, host.length() - 1);
			}
			endpoints.add(InetSocketAddress.createUnresolved(host, port));
		}
		return endpoints;
	}

	private static int port(String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	@Override
	public String getServiceAuthority() {
		InetSocketAddress first = this.endpoints.get(0);
		String host = first.getHostString();
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + first.getPort();
	}

	@Override
	public void start(Listener2 listener) {
		this.listener = listener;
		refresh();
	}

	@Override
	public void refresh() {
		// Looking names up blocks: off the channel's synchronization context, as grpc-java asks.
		this.executor.execute(this::resolve);
	}

	private void resolve() {
		List<EquivalentAddressGroup> groups = new ArrayList<>();
		for (InetSocketAddress endpoint : this.endpoints) {
			try {
				List<SocketAddress> addresses = Arrays.stream(InetAddress.getAllByName(endpoint.getHostString()))
					.<SocketAddress>map((address) -> new InetSocketAddress(address, endpoint.getPort()))
					.toList();
				groups.add(new EquivalentAddressGroup(addresses));
			}
			catch (UnknownHostException ex) {
				// One unknown host must not take the others down: they are balanced without it.
			}
		}
		if (groups.isEmpty()) {
			this.listener.onError(Status.UNAVAILABLE
				.withDescription("None of the hosts of static://" + hostList() + " is known to DNS"));
			return;
		}
		this.listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
	}

	private String hostList() {
		return String.join(",", this.endpoints.stream().map((e) -> e.getHostString() + ":" + e.getPort()).toList());
	}

	@Override
	public void shutdown() {
	}

	/**
	 * Creates static resolvers. Set on each direct channel's builder, never registered globally,
	 * so the scheme means nothing to other channels of the application.
	 */
	static final class Factory extends NameResolver.Factory {

		@Override
		public NameResolver newNameResolver(URI targetUri, Args args) {
			if (!SCHEME.equals(targetUri.getScheme())) {
				return null;
			}
			return new StaticNameResolver(parse(PREFIX + targetUri.getPath().substring(1)), args.getOffloadExecutor());
		}

		@Override
		public String getDefaultScheme() {
			return SCHEME;
		}

	}

}

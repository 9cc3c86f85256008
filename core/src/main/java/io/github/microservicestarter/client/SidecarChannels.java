package io.github.microservicestarter.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.AbstractStub;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Channels and stubs that call other apps by app id: the programmatic side of
 * {@link SidecarClient}. In sidecar mode every target shares one connection to the sidecar; in
 * direct mode each target has its own, balanced across its addresses.
 * <p>
 * A target's connection is built on its first call, not when its channel is handed out: by then
 * the stubs injected at startup have told which services it serves, so the retry policy covers
 * the methods their protos declare idempotent, and the global interceptors are all known.
 * Connections close after the gRPC server has stopped taking calls, letting calls in flight finish
 * within {@code microservice.server.shutdown-grace-period}.
 */
public class SidecarChannels implements SmartLifecycle, DisposableBean {

	/**
	 * Stops after the gRPC server (phase {@link SmartLifecycle#DEFAULT_PHASE}) and a web server's
	 * graceful shutdown: their handlers' calls to other apps can finish.
	 */
	private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	private static final Log logger = LogFactory.getLog(SidecarChannels.class);

	/** The key of the sidecar's shared connection: no app id is empty. */
	private static final String SIDECAR = "";

	private final ClientTargetResolver resolver;

	private final ManagedChannelFactory channelFactory;

	private final Duration gracePeriod;

	private final Supplier<List<ClientInterceptor>> globalInterceptors;

	private final boolean detailedErrors;

	private final ReconnectBackoff reconnectBackoff;

	private final Map<String, ClientTarget> targets = new LinkedHashMap<>();

	private final Map<String, Set<String>> declaredIdempotentMethods = new HashMap<>();

	private final Map<String, TargetChannel> channels = new HashMap<>();

	/** The built connections, by app id, or by {@link #SIDECAR} for the sidecar's shared one. */
	private final Map<String, Connection> connections = new LinkedHashMap<>();

	private volatile boolean running;

	/**
	 * Creates the channels, checking the shared settings and resolving every target configured
	 * under {@code microservice.clients}.
	 * @param resolver resolves targets
	 * @param channelFactory builds connections
	 * @param gracePeriod how long closing connections wait for calls in flight; negative waits
	 * for as long as they take
	 * @param globalInterceptors the interceptors of every call, in order, asked on each target's first call
	 * @param maxReconnectBackoff the longest a failed connection waits before it tries again
	 * @param detailedErrors whether UNAVAILABLE descriptions name the target's route
	 */
	SidecarChannels(ClientTargetResolver resolver, ManagedChannelFactory channelFactory, Duration gracePeriod,
			Supplier<List<ClientInterceptor>> globalInterceptors, Duration maxReconnectBackoff, boolean detailedErrors) {
		this.resolver = resolver;
		this.channelFactory = channelFactory;
		this.gracePeriod = gracePeriod;
		this.globalInterceptors = globalInterceptors;
		this.detailedErrors = detailedErrors;
		this.reconnectBackoff = new ReconnectBackoff(maxReconnectBackoff, this::openChannels);
		resolver.checkDefaults();
		for (String appId : resolver.configuredAppIds()) {
			target(appId);
		}
	}

	/**
	 * A channel to an app.
	 * @param appId the app's id
	 * @return a channel whose calls reach the app
	 * @throws UnknownTargetAppException when its calls go direct and it has no address
	 */
	public Channel channel(String appId) {
		synchronized (this) {
			target(appId);
			return this.channels.computeIfAbsent(appId, TargetChannel::new);
		}
	}

	/**
	 * A stub of one of an app's services. The methods its proto declares idempotent are retried on
	 * UNAVAILABLE, when the stub is created before the app's first call.
	 * @param <S> the stub type
	 * @param appId the app's id
	 * @param stubType a stub class of grpc-java's generated code, such as
	 * {@code UserServiceGrpc.UserServiceBlockingStub}
	 * @return the stub
	 * @throws UnknownTargetAppException when its calls go direct and it has no address
	 * @throws InvalidSidecarClientException when the class is not a stub of generated code
	 */
	public <S extends AbstractStub<S>> S stub(String appId, Class<S> stubType) {
		return stub(appId, stubType, "SidecarChannels.stub(\"%s\", %s.class)".formatted(appId, stubType.getName()));
	}

	private <S extends AbstractStub<S>> S stub(String appId, Class<S> stubType, String askedBy) {
		if (!GeneratedStubs.isGenerated(stubType)) {
			throw new InvalidSidecarClientException(askedBy,
					("%s is not a stub of grpc-java's generated code: it is not nested in a *Grpc class with a static"
							+ " factory of it taking a Channel").formatted(stubType.getName()),
					"Ask for a stub class nested in a generated *Grpc class, such as"
							+ " UserServiceGrpc.UserServiceBlockingStub, or for an io.grpc.Channel.");
		}
		Channel channel = channel(appId);
		List<String> idempotent = IdempotentMethods.declaredBy(GeneratedStubs.service(stubType));
		synchronized (this) {
			this.declaredIdempotentMethods.computeIfAbsent(appId, (id) -> new LinkedHashSet<>()).addAll(idempotent);
			Connection connection = this.connections.get(connectionKey(this.targets.get(appId)));
			if (connection != null && !connection.retriedMethods().containsAll(idempotent)) {
				logger.warn(("%s was created after the first call to app '%s': its idempotent methods are not retried."
						+ " List them in microservice.clients.%s.idempotent-methods, or create the stub earlier.")
					.formatted(stubType.getName(), appId, appId));
			}
		}
		return GeneratedStubs.create(stubType, channel);
	}

	/**
	 * A channel or stub of the given type, for {@link SidecarClient} injection points.
	 * @param appId the app's id
	 * @param type {@link Channel} or a generated stub class
	 * @param injectionPoint the injection point, for messages
	 * @return the channel or stub
	 * @throws InvalidSidecarClientException when the type is neither
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	Object client(String appId, Class<?> type, String injectionPoint) {
		if (type == Channel.class) {
			return channel(appId);
		}
		if (AbstractStub.class.isAssignableFrom(type)) {
			return stub(appId, (Class) type, injectionPoint);
		}
		throw new InvalidSidecarClientException(injectionPoint,
				"@SidecarClient(\"%s\") injects an io.grpc.Channel or a gRPC stub, not %s".formatted(appId,
						type.getName()),
				"Declare it as io.grpc.Channel or as a stub class of grpc-java's generated code, such as"
						+ " UserServiceGrpc.UserServiceBlockingStub.");
	}

	/**
	 * Every target resolved so far: those configured and those injected or asked for.
	 * @return the targets, with the state of their connections
	 */
	synchronized List<SidecarClientTarget> targets() {
		List<SidecarClientTarget> result = new ArrayList<>();
		for (ClientTarget target : this.targets.values()) {
			Connection connection = this.connections.get(connectionKey(target));
			ConnectivityState state = (connection != null) ? connection.channel().getState(false)
					: ConnectivityState.IDLE;
			result.add(new SidecarClientTarget(target.appId(), target.mode(), target.modeSource(), target.address(),
					state));
		}
		return result;
	}

	/**
	 * The mode of targets that set none, and why.
	 * @return the decision
	 */
	ModeDecision defaultMode() {
		return this.resolver.defaultMode();
	}

	/**
	 * The sidecar's endpoint, where calls in sidecar mode go.
	 * @return host:port, http://host:port or https://host:port
	 */
	String sidecarEndpoint() {
		return this.resolver.sidecarEndpoint();
	}

	private ClientTarget target(String appId) {
		synchronized (this) {
			ClientTarget target = this.targets.get(appId);
			if (target == null) {
				target = this.resolver.resolve(appId);
				this.targets.put(appId, target);
				logger.info("Calls to app '%s' go %s (%s)".formatted(appId, target.route(), target.modeSource()));
			}
			return target;
		}
	}

	/** Builds, on a target's first call, the connection and the interceptors its calls go through. */
	private synchronized Channel connect(String appId) {
		ClientTarget target = this.targets.get(appId);
		Connection connection = this.connections.computeIfAbsent(connectionKey(target),
				(key) -> newConnection(target));
		List<ClientInterceptor> interceptors = new ArrayList<>();
		interceptors.add(ReconnectBackoff.onCall(connection.channel()));
		// Before the others, so that every global interceptor sees the target app id and the call's deadline.
		interceptors.add(new TargetCallOptionsInterceptor(target));
		interceptors.addAll(this.globalInterceptors.get());
		interceptors.add(new UnavailableTargetInterceptor(target, this.detailedErrors));
		if (target.mode() == ClientMode.SIDECAR) {
			interceptors.add(new SidecarMetadataInterceptor(target.daprAppId(), this.resolver.apiToken()));
		}
		return ClientInterceptors.interceptForward(connection.channel(), interceptors);
	}

	private Connection newConnection(ClientTarget target) {
		Set<String> retried = new LinkedHashSet<>();
		for (ClientTarget other : this.targets.values()) {
			if (connectionKey(other).equals(connectionKey(target))) {
				retried.addAll(other.idempotentMethods());
				retried.addAll(this.declaredIdempotentMethods.getOrDefault(other.appId(), Set.of()));
			}
		}
		return new Connection(this.channelFactory.create(target, retried), retried);
	}

	/** The sidecar's connection is shared by all its targets: their retried methods are pooled. */
	private static String connectionKey(ClientTarget target) {
		return (target.mode() == ClientMode.SIDECAR) ? SIDECAR : target.appId();
	}

	/** The connections built so far. */
	private synchronized List<ManagedChannel> openChannels() {
		return this.connections.values().stream().map(Connection::channel).toList();
	}

	@Override
	public void start() {
		this.reconnectBackoff.start();
		this.running = true;
	}

	@Override
	public void stop() {
		List<ManagedChannel> closing;
		synchronized (this) {
			closing = this.connections.values().stream().map(Connection::channel).toList();
		}
		closing.forEach(ManagedChannel::shutdown);
		awaitTermination(closing);
		closing.forEach(ManagedChannel::shutdownNow);
		this.reconnectBackoff.stop();
		this.running = false;
	}

	private void awaitTermination(Collection<ManagedChannel> closing) {
		long deadline = System.nanoTime() + this.gracePeriod.toNanos();
		try {
			for (ManagedChannel channel : closing) {
				if (this.gracePeriod.isNegative()) {
					channel.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
				}
				else {
					channel.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Closes connections that a context which never started, or a call after stop, left open. */
	@Override
	public synchronized void destroy() {
		this.reconnectBackoff.stop();
		this.connections.values().forEach((connection) -> connection.channel().shutdownNow());
	}

	/**
	 * A built connection and the methods its service config retries.
	 */
	private record Connection(ManagedChannel channel, Set<String> retriedMethods) {
	}

	/**
	 * The channel handed out for a target: connects on its first call.
	 */
	private final class TargetChannel extends Channel {

		private final String appId;

		private volatile Channel calls;

		TargetChannel(String appId) {
			this.appId = appId;
		}

		@Override
		public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions callOptions) {
			return calls().newCall(method, callOptions);
		}

		@Override
		public String authority() {
			return calls().authority();
		}

		private Channel calls() {
			Channel channel = this.calls;
			if (channel == null) {
				channel = connect(this.appId);
				this.calls = channel;
			}
			return channel;
		}

	}

}

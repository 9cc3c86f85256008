package io.github.microservicestarter.security;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;

import io.github.microservicestarter.security.AppSecurityProperties.CallerRule;
import io.github.microservicestarter.server.DaprMetadata;
import io.github.microservicestarter.server.InvalidAppSettingException;
import io.github.microservicestarter.tls.ClientAuth;
import io.github.microservicestarter.tls.PeerIdentity;
import io.github.microservicestarter.tls.ServerTls;

/**
 * Lets a service or method listed in {@code microservice.security.callers} answer only the apps
 * listed with it; others end {@code PERMISSION_DENIED}. The caller is the app id of its client
 * certificate, else the {@code dapr-caller-app-id} its sidecar sent, which only a call carrying the
 * app API token may claim: without the token any client could write the header.
 */
public class CallerAllowListInterceptor implements ServerInterceptor {

	static final String SETTING = AppSecurityProperties.PREFIX + ".callers";

	private final Map<String, Set<String>> byMethod = new HashMap<>();

	private final Map<String, Set<String>> byService = new HashMap<>();

	private final AppApiTokenInterceptor tokenCheck;

	private final RefusedCalls refusedCalls;

	/**
	 * Creates the interceptor, refusing rules that cannot work.
	 * @param rules the rules
	 * @param tokenCheck the app API token's check, which says whether a call's caller id can be
	 * trusted
	 * @param tls the server's TLS, which may give callers' certificates
	 * @param refusedCalls where refusals are counted and logged
	 * @throws InvalidAppSettingException when a rule is incomplete or no caller could be identified
	 */
	public CallerAllowListInterceptor(List<CallerRule> rules, AppApiTokenInterceptor tokenCheck, ServerTls tls,
			RefusedCalls refusedCalls) {
		this.tokenCheck = tokenCheck;
		this.refusedCalls = refusedCalls;
		for (int i = 0; i < rules.size(); i++) {
			add(i, rules.get(i));
		}
		boolean certificates = tls.isEnabled() && tls.clientAuth() != ClientAuth.NONE;
		if (!rules.isEmpty() && !tokenCheck.isRequired() && !certificates) {
			throw new InvalidAppSettingException(SETTING, "it says which apps may call this one, and nothing tells"
					+ " this app which app is calling: without the app API token anyone can claim any"
					+ " dapr-caller-app-id, and clients send no certificates.",
					"Set the app API token (APP_API_TOKEN, as the Dapr sidecar is given it), or serve grpcs with"
							+ " microservice.tls.client-auth=require so callers show their certificates.");
		}
	}

	private void add(int index, CallerRule rule) {
		String entry = SETTING + "[" + index + "]";
		if (rule.getServices().isEmpty() || rule.getApps().isEmpty()) {
			throw new InvalidAppSettingException(entry, "it needs both services and apps: it lists "
					+ rule.getServices().size() + " services and " + rule.getApps().size() + " apps.",
					"List the services (package.Service) or methods (package.Service/Method) under " + entry
							+ ".services and the app ids that may call them under " + entry + ".apps.");
		}
		for (String name : rule.getServices()) {
			String trimmed = name.trim();
			int slash = trimmed.indexOf('/');
			if (trimmed.isEmpty() || slash == 0 || slash == trimmed.length() - 1 || trimmed.indexOf('/', slash + 1) >= 0) {
				throw new InvalidAppSettingException(entry + ".services", "'" + name + "' is not a service or method"
						+ " name.", "Name services as package.Service and methods as package.Service/Method.");
			}
			Map<String, Set<String>> map = (slash > 0) ? this.byMethod : this.byService;
			map.computeIfAbsent(trimmed, (key) -> new HashSet<>()).addAll(rule.getApps().stream().map(String::trim).toList());
		}
	}

	/**
	 * Refuses rules that name services or methods the server does not serve: a misspelt name would
	 * leave the real one open to every caller.
	 * @param served the services the server serves
	 * @throws InvalidAppSettingException when a rule names one it does not serve
	 */
	public void checkNames(List<ServiceDescriptor> served) {
		Set<String> services = new TreeSet<>();
		Set<String> methods = new HashSet<>();
		for (ServiceDescriptor service : served) {
			services.add(service.getName());
			service.getMethods().forEach((method) -> methods.add(method.getFullMethodName()));
		}
		for (String service : this.byService.keySet()) {
			if (!services.contains(service)) {
				throw unknown(service, services);
			}
		}
		for (String method : this.byMethod.keySet()) {
			if (!methods.contains(method)) {
				throw unknown(method, services);
			}
		}
	}

	private static InvalidAppSettingException unknown(String name, Set<String> services) {
		return new InvalidAppSettingException(SETTING, "it names " + name + ", which this app does not serve, so"
				+ " the rule guards nothing.", "Fix the name: this app serves " + String.join(", ", services) + ".");
	}

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		if (this.byMethod.isEmpty() && this.byService.isEmpty()) {
			return next.startCall(call, headers);
		}
		MethodDescriptor<Q, A> method = call.getMethodDescriptor();
		Set<String> allowed = this.byMethod.get(method.getFullMethodName());
		if (allowed == null) {
			allowed = this.byService.get(method.getServiceName());
		}
		if (allowed == null) {
			return next.startCall(call, headers);
		}
		String caller = caller(call, headers);
		if (caller != null && allowed.contains(caller)) {
			return next.startCall(call, headers);
		}
		String description = (caller != null) ? "App '" + RefusedCalls.printable(caller) + "' may not call " + method.getFullMethodName()
				: method.getFullMethodName() + " answers only some apps, and this call does not show which app it comes"
						+ " from: call it through the Dapr sidecar, or with a client certificate";
		this.refusedCalls.refused(call, headers, "caller", description);
		call.close(Status.PERMISSION_DENIED.withDescription(description), new Metadata());
		return new ServerCall.Listener<>() {
		};
	}

	private String caller(ServerCall<?, ?> call, Metadata headers) {
		PeerIdentity identity = PeerIdentity.of(call);
		if (identity != null) {
			return identity.appId();
		}
		if (!this.tokenCheck.verifies(call.getMethodDescriptor())) {
			return null;
		}
		// The sidecar adds its caller's id after whatever the caller sent: the last one is its.
		String last = null;
		Iterable<String> values = headers.getAll(DaprMetadata.CALLER_APP_ID);
		if (values != null) {
			for (String value : values) {
				last = value;
			}
		}
		return last;
	}

}

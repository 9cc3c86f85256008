package io.github.microservicestarter.tls;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Makes the client certificate's {@link PeerIdentity} the call's, for {@link PeerIdentity#current()}.
 * Only at work when the server asks clients for certificates.
 */
public class PeerIdentityInterceptor implements ServerInterceptor {

	private final boolean clientsHaveCertificates;

	/**
	 * Creates the interceptor.
	 * @param tls the server's TLS
	 */
	public PeerIdentityInterceptor(ServerTls tls) {
		this.clientsHaveCertificates = tls.isEnabled() && tls.clientAuth() != ClientAuth.NONE;
	}

	@Override
	public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
			ServerCallHandler<Q, A> next) {
		PeerIdentity identity = this.clientsHaveCertificates ? PeerIdentity.of(call) : null;
		if (identity == null) {
			return next.startCall(call, headers);
		}
		return Contexts.interceptCall(Context.current().withValue(PeerIdentity.CONTEXT_KEY, identity), call, headers,
				next);
	}

}

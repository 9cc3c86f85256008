package io.github.microservicestarter.client;

import io.grpc.ConnectivityState;

/**
 * A target app of the sidecar client, as it stands.
 *
 * @param appId the app id
 * @param mode how calls reach it: {@link ClientMode#SIDECAR} or {@link ClientMode#DIRECT}
 * @param modeSource why this mode: the property that set it, or the environment seen in auto mode
 * @param address the sidecar's endpoint in sidecar mode, the configured address in direct mode (an
 * https:// one as the DNS target it is called at)
 * @param state the state of its connection; IDLE until its first call
 */
public record SidecarClientTarget(String appId, ClientMode mode, String modeSource, String address, ConnectivityState state) {

}

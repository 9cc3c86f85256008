package io.github.microservicestarter.client;

/**
 * How calls reach target apps, and why.
 *
 * @param mode {@link ClientMode#SIDECAR} or {@link ClientMode#DIRECT}
 * @param source the property that set it, or the environment seen in auto mode
 */
public record ModeDecision(ClientMode mode, String source) {

}

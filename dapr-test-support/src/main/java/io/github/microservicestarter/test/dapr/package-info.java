/**
 * Dapr's sidecar and the tools {@code scripts/install-dapr} builds, for tests that run real sidecars.
 */
package io.github.microservicestarter.test.dapr;

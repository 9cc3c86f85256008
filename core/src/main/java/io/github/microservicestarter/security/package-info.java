/**
 * The app API token rule: when a token is set, every incoming call must carry it in
 * {@code dapr-api-token}, the header Dapr's sidecar sends, so only the sidecar reaches the app.
 */
package io.github.microservicestarter.security;

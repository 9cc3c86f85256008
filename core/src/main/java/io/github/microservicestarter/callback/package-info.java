/**
 * The app side of Dapr over gRPC: serves Dapr's {@code AppCallback} (service invocation, pub/sub,
 * input bindings) and {@code AppCallbackHealthCheck} from methods of Spring beans annotated
 * {@link io.github.microservicestarter.callback.DaprInvokeHandler},
 * {@link io.github.microservicestarter.callback.DaprTopicHandler} and
 * {@link io.github.microservicestarter.callback.DaprBindingHandler}.
 */
package io.github.microservicestarter.callback;

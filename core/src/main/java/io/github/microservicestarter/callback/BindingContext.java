package io.github.microservicestarter.callback;

import java.util.Map;

/**
 * Where an input binding event comes from, for a {@link DaprBindingHandler} that asks.
 *
 * @param name the binding's name
 * @param metadata the metadata the binding sent with the event
 */
public record BindingContext(String name, Map<String, String> metadata) {

}

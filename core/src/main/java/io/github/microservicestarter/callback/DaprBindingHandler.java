package io.github.microservicestarter.callback;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives the events of a Dapr input binding. It may take the event
 * data as one parameter (a protobuf message, a type Jackson reads from JSON, {@code String} or
 * {@code byte[]}) and the {@link BindingContext} as another. An exception fails the event, for the
 * binding to handle as it does (many retry).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DaprBindingHandler {

	/**
	 * The name of the input binding component.
	 * @return the binding name
	 */
	String value();

}

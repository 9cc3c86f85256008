package io.github.microservicestarter.callback;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that answers a method invoked through Dapr service invocation
 * ({@code OnInvoke}). It may take the request data as one parameter (a protobuf message, a type
 * Jackson reads from JSON, {@code String} or {@code byte[]}); what it returns is the response data:
 * a protobuf message is sent packed in an {@code Any}, a {@code String} as text, {@code byte[]} as
 * is, anything else as JSON.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DaprInvokeHandler {

	/**
	 * The invoked method's name, as callers give it to Dapr (e.g. {@code EchoMethod}).
	 * @return the method name
	 */
	String value();

}

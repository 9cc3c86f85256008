package io.github.microservicestarter.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Injects a client of another app, named by its app id: a {@link io.grpc.Channel} or a generated
 * stub (blocking, async or future) of one of its services. Works on fields, setter methods and
 * constructor parameters. Whether calls go through the Dapr sidecar or straight to the app is
 * decided by {@code microservice.client.mode} and {@code microservice.clients.<app-id>.*}.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Autowired
public @interface SidecarClient {

	/**
	 * The app id of the app to call, as its sidecar knows it (Dapr's {@code --app-id}).
	 * @return the app id
	 */
	String value();

}

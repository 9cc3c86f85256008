package io.github.microservicestarter.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link io.grpc.ClientInterceptor} bean (its class, or its {@code @Bean} method) to
 * intercept every call made through the sidecar client, to every target app. Order several with
 * {@code @Order}. Spring gRPC names its annotation the same, so code using it moves over unchanged.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GlobalClientInterceptor {

}

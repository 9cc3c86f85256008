package io.github.microservicestarter.errors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Marks a bean whose {@link GrpcExceptionMapping} methods turn the exceptions of the app's gRPC
 * services into statuses, for every service, as {@code @ControllerAdvice} does for HTTP. A service
 * method that throws (or passes to {@code onError}) an exception an advice maps ends its call with
 * the mapped status; an exception none maps ends it with INTERNAL, without its message, and is
 * logged.
 *
 * <pre class="code">
 * &#64;GrpcExceptionAdvice
 * class StoreErrors {
 *
 *     &#64;GrpcExceptionMapping
 *     Status notFound(UserNotFoundException ex) {
 *         return Status.NOT_FOUND.withDescription("no such user");
 *     }
 *
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface GrpcExceptionAdvice {

}

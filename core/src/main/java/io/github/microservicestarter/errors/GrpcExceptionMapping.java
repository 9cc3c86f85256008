package io.github.microservicestarter.errors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method of a {@link GrpcExceptionAdvice} bean that maps exceptions to the status their call
 * ends with. It takes the exception as its one parameter and returns the status: an
 * {@code io.grpc.Status}, a {@code StatusRuntimeException} or {@code StatusException} (to send
 * trailers too), or a {@code com.google.rpc.Status} (to send details such as
 * {@code google.rpc.BadRequest} or {@code RetryInfo}).
 * <p>
 * The method maps the exception types named here, or its parameter's type when none are named,
 * with their subclasses; for an exception, the method of the closest mapped type wins. An
 * exception no method maps is looked up again by its cause, and its cause's cause.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GrpcExceptionMapping {

	/**
	 * The exception types the method maps; its parameter's type when empty.
	 * @return the types
	 */
	Class<? extends Throwable>[] value() default {};

}

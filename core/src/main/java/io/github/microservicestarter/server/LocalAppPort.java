package io.github.microservicestarter.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port the gRPC server listens on, once it is listening: the one to call when
 * {@code microservice.app-port} is 0. The counterpart of Spring Boot's {@code @LocalServerPort}.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Value("${" + LocalAppPort.PROPERTY + "}")
public @interface LocalAppPort {

	/** The environment property that holds the port once the server listens. */
	String PROPERTY = "local.microservice.app-port";

}

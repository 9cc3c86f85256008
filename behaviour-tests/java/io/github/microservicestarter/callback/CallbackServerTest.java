package io.github.microservicestarter.callback;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Runs {@link CallbackTestApplication} on a free port with an app API token, one server for every
 * test class that carries this annotation: the same configuration lets Spring share the context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = CallbackTestApplication.class,
		properties = { "microservice.app-port=0", "microservice.security.app-api-token=" + SidecarTests.TOKEN })
@interface CallbackServerTest {

}

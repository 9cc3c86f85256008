package io.github.microservicestarter.demo.summator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Runs the summator demo on a free port, one server for every test class that carries this
 * annotation: the same configuration lets Spring share the context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = "microservice.app-port=0")
@interface SummatorServerTest {

}

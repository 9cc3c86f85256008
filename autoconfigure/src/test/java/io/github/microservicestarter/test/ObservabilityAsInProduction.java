package io.github.microservicestarter.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * Metrics export and tracing on in a {@code @SpringBootTest}, as in production: Spring Boot's
 * tests turn them off. Spring Boot 3's annotation for it; each line's autoconfigure module has an
 * annotation of this name, for the demos' tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@AutoConfigureObservability
public @interface ObservabilityAsInProduction {

}

package io.github.microservicestarter.health;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a health component is on, by the rule of Spring Boot's own health indicators:
 * {@code management.health.<name>.enabled}, else {@code management.health.defaults.enabled}, else
 * on. Spring Boot's annotation for it moved between its lines, so the core has its own.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnEnabledComponentHealthCondition.class)
public @interface ConditionalOnEnabledComponentHealth {

	/**
	 * The component's name in its property, in the canonical lower-case form that every relaxed
	 * spelling matches ({@code grpcserver} for {@code management.health.grpcServer.enabled}).
	 * @return the name
	 */
	String value();

}

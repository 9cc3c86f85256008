package io.github.microservicestarter.health;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnEnabledComponentHealth}.
 */
class OnEnabledComponentHealthCondition extends SpringBootCondition {

	private static final String PREFIX = "management.health.";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String name = (String) metadata.getAnnotationAttributes(ConditionalOnEnabledComponentHealth.class.getName())
			.get("value");
		Environment environment = context.getEnvironment();
		String property = PREFIX + name + ".enabled";
		if (environment.containsProperty(property)) {
			boolean enabled = environment.getProperty(property, Boolean.class, true);
			return new ConditionOutcome(enabled, property + " is " + enabled);
		}
		boolean defaults = environment.getProperty(PREFIX + "defaults.enabled", Boolean.class, true);
		return new ConditionOutcome(defaults, PREFIX + "defaults.enabled is " + defaults);
	}

}

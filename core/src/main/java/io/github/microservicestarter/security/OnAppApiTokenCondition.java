package io.github.microservicestarter.security;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when an app API token is set, by property or environment variable.
 */
class OnAppApiTokenCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		AppSecurityProperties properties = Binder.get(context.getEnvironment())
			.bindOrCreate(AppSecurityProperties.PREFIX, AppSecurityProperties.class);
		if (properties.resolveAppApiToken(context.getEnvironment()) != null) {
			return ConditionOutcome.match("an app API token is set");
		}
		return ConditionOutcome.noMatch("neither %s.app-api-token nor %s is set".formatted(AppSecurityProperties.PREFIX,
				AppSecurityProperties.APP_API_TOKEN_VARIABLE));
	}

}

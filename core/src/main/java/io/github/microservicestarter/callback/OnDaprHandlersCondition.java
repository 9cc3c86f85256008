package io.github.microservicestarter.callback;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when a bean's class has a Dapr handler method, judged by the bean's type without
 * creating it. Evaluated once the app's bean definitions are registered, as {@code @ConditionalOnBean} is.
 */
class OnDaprHandlersCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			Class<?> type = beanFactory.getType(name, false);
			if (type != null && !DaprHandlers.handlerMethods(ClassUtils.getUserClass(type)).isEmpty()) {
				return ConditionOutcome.match("bean '%s' has Dapr handler methods".formatted(name));
			}
		}
		return ConditionOutcome.noMatch("no bean has a @DaprInvokeHandler, @DaprTopicHandler or @DaprBindingHandler");
	}

}

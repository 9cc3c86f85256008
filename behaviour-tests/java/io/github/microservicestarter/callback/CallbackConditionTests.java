package io.github.microservicestarter.callback;

import org.junit.jupiter.api.Test;

import io.github.microservicestarter.test.BootAutoConfigurations;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The callback services exist when a bean has handler methods, unless turned off.
 */
class CallbackConditionTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(BootAutoConfigurations.json())
		.withConfiguration(AutoConfigurations.of(CallbackAutoConfiguration.class));

	@Test
	void handlerBeanDeclaredByABeanMethodTurnsTheCallbackOn() {
		this.runner.withUserConfiguration(HandlerBean.class).run((context) -> {
			assertThat(context).hasSingleBean(AppCallbackService.class).hasSingleBean(AppCallbackHealthService.class);
		});
	}

	@Test
	void withoutHandlersThereIsNoCallback() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(AppCallbackService.class)
				.doesNotHaveBean(AppCallbackHealthService.class);
		});
	}

	@Test
	void enabledFalseTurnsTheCallbackOff() {
		this.runner.withUserConfiguration(HandlerBean.class)
			.withPropertyValues("microservice.callback.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AppCallbackService.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerBean {

		@Bean
		Echo echo() {
			return new Echo();
		}

	}

	static class Echo {

		@DaprInvokeHandler("EchoMethod")
		String echo() {
			return "pong";
		}

	}

}

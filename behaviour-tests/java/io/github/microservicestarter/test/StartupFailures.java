package io.github.microservicestarter.test;

import java.util.concurrent.atomic.AtomicReference;

import io.github.microservicestarter.server.InvalidAppSettingException;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The setting a context's start failed on: the {@link InvalidAppSettingException} in its startup
 * failure's causes, which the failure analyzer reports with its fix.
 */
public final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * Runs a context that must fail to start on a setting.
	 * @param runner the context's runner
	 * @return the setting's exception
	 */
	public static InvalidAppSettingException invalidSetting(ApplicationContextRunner runner) {
		AtomicReference<InvalidAppSettingException> failure = new AtomicReference<>();
		runner.run((context) -> failure.set(invalidSetting(context)));
		return failure.get();
	}

	/**
	 * The setting a context that failed to start failed on.
	 * @param context the context
	 * @return the setting's exception
	 */
	public static InvalidAppSettingException invalidSetting(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable cause = context.getStartupFailure();
		while (cause != null && !(cause instanceof InvalidAppSettingException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("the invalid setting").isInstanceOf(InvalidAppSettingException.class);
		return (InvalidAppSettingException) cause;
	}

}

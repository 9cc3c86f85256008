package io.github.microservicestarter.backoff;

import java.util.function.Supplier;

import io.micrometer.core.instrument.config.MeterFilter;

import io.github.microservicestarter.callback.JsonPayloads;
import io.github.microservicestarter.callback.PayloadConverter;
import io.github.microservicestarter.server.AppProtocol;
import io.github.microservicestarter.server.AppServerSettings;
import io.github.microservicestarter.tls.ServerTls;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Checks that a bean of the starter's backs off when the app declares its own, for the core's
 * beans and for those of each Spring Boot line's autoconfigure module.
 */
public final class BackOff {

	private BackOff() {
	}

	/**
	 * Runs the app with a bean of its own of the type, under the name when given, and checks that
	 * it is the only one of its name or type: first that the starter's is there without it.
	 * @param <T> the bean's type
	 * @param runner the app, with the starter's bean
	 * @param type the bean's type
	 * @param name the name the starter's bean is looked up by, or null when it is looked up by type
	 */
	public static <T> void assertReplaced(ApplicationContextRunner runner, Class<T> type, String name) {
		assertReplaced(runner, type, name, () -> own(type));
	}

	/**
	 * As {@link #assertReplaced(ApplicationContextRunner, Class, String)}, with the app's bean given.
	 * @param <T> the bean's type
	 * @param runner the app, with the starter's bean
	 * @param type the bean's type
	 * @param name the name the starter's bean is looked up by, or null when it is looked up by type
	 * @param ownBean makes the app's own bean
	 */
	public static <T> void assertReplaced(ApplicationContextRunner runner, Class<T> type, String name,
			Supplier<T> ownBean) {
		runner.run((context) -> assertThat(context).hasNotFailed()
			.getBeans(type)
			.as("the starter's %s, before the app declares its own", type.getSimpleName())
			.isNotEmpty());
		T own = ownBean.get();
		String beanName = (name != null) ? name : "own";
		runner.withBean(beanName, type, () -> own).run((context) -> {
			assertThat(context).hasNotFailed();
			if (name != null) {
				assertThat(context.getBean(name)).isSameAs(own);
			}
			else {
				assertThat(context.getBeansOfType(type)).containsOnlyKeys("own");
			}
		});
	}

	/** A bean of the app's own: a mock, or a real one where the starter's other beans read it. */
	private static <T> T own(Class<T> type) {
		if (type == AppServerSettings.class) {
			return type.cast(new AppServerSettings("own", 0, "the test", AppProtocol.GRPC));
		}
		if (type == ServerTls.class) {
			return type.cast(ServerTls.PLAINTEXT);
		}
		if (type == PayloadConverter.class) {
			return type.cast(new PayloadConverter(mock(JsonPayloads.class)));
		}
		if (type == MeterFilter.class) {
			// The registry asks every filter about the starter's meters as they register.
			return type.cast(new MeterFilter() {
			});
		}
		return mock(type);
	}

}

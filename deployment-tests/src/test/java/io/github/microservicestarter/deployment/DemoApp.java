package io.github.microservicestarter.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.grpc.BindableService;

import io.github.microservicestarter.callback.DaprBindingHandler;
import io.github.microservicestarter.callback.DaprInvokeHandler;
import io.github.microservicestarter.callback.DaprTopicHandler;
import io.github.microservicestarter.server.AppProperties;
import io.github.microservicestarter.server.AppServerSettings;
import io.github.microservicestarter.server.AppServerSettingsResolver;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * A demo as the deployment files run it: its app id, gRPC port and actuator port worked out by
 * the starter's own rules from its {@code application.yml} and the environment and arguments a
 * deployment gives it, the gRPC services it serves and the Dapr components its handlers name,
 * both read from its classes.
 *
 * @param module the demo's module directory
 * @param basePackage the package of its classes
 */
record DemoApp(String module, String basePackage) {

	static final DemoApp USER_SERVICE = new DemoApp("demo-user-service", "io.github.microservicestarter.demo.user");

	static final DemoApp SUMMATOR = new DemoApp("demo-summator", "io.github.microservicestarter.demo.summator");

	static final List<DemoApp> ALL = List.of(USER_SERVICE, SUMMATOR);

	/**
	 * The demo whose application.yml names this app id.
	 * @param appId the app id
	 * @return the demo
	 * @throws IllegalStateException when no demo has that id
	 */
	static DemoApp withAppId(String appId) {
		return ALL.stream()
			.filter((app) -> app.settings(Map.of(), List.of()).appId().equals(appId))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No demo has the app id '" + appId + "'"));
	}

	/**
	 * The app id as run with no environment: what deployment files must name it.
	 * @return the app id
	 */
	String appId() {
		return settings(Map.of(), List.of()).appId();
	}

	/**
	 * The protocol it serves, as Dapr's --app-protocol names it.
	 * @return grpc or grpcs
	 */
	String protocol() {
		return settings(Map.of(), List.of()).protocol().value();
	}

	/**
	 * The port the gRPC server listens on.
	 * @param environment the environment variables the deployment gives it
	 * @param arguments its command-line arguments
	 * @return the port
	 */
	int grpcPort(Map<String, String> environment, List<String> arguments) {
		return settings(environment, arguments).port();
	}

	/**
	 * The port the actuator listens on (server.port).
	 * @param environment the environment variables the deployment gives it
	 * @param arguments its command-line arguments
	 * @return the port
	 */
	int httpPort(Map<String, String> environment, List<String> arguments) {
		return environment(environment, arguments).getProperty("server.port", Integer.class, 8080);
	}

	/**
	 * The full names of the gRPC services its BindableService classes serve.
	 * @return the services
	 */
	Set<String> services() {
		Set<String> services = new TreeSet<>();
		for (Class<?> type : classes(new AssignableTypeFilter(BindableService.class))) {
			for (Class<?> superclass = type.getSuperclass(); superclass != null; superclass = superclass.getSuperclass()) {
				// grpc-java's generated XxxGrpc class, which holds the ImplBase, names the service.
				Field serviceName = (superclass.getEnclosingClass() != null) ? field(superclass.getEnclosingClass())
						: null;
				if (serviceName != null) {
					services.add(String.valueOf(staticValue(serviceName)));
					break;
				}
			}
		}
		return services;
	}

	/**
	 * The Dapr components its handlers name: pub/subs of topic handlers, input bindings of binding
	 * handlers.
	 * @return the component names
	 */
	Set<String> componentsNamed() {
		Set<String> names = new TreeSet<>();
		for (Class<?> type : classes(new AnnotationTypeFilter(Component.class))) {
			for (Method method : type.getDeclaredMethods()) {
				DaprTopicHandler topic = method.getAnnotation(DaprTopicHandler.class);
				if (topic != null) {
					names.add(topic.pubsub());
				}
				DaprBindingHandler binding = method.getAnnotation(DaprBindingHandler.class);
				if (binding != null) {
					names.add(binding.value());
				}
			}
		}
		return names;
	}

	/**
	 * Whether it answers daprd's app health checks: the starter serves Dapr's
	 * AppCallbackHealthCheck in apps with Dapr handler methods, and only there.
	 * @return whether a method of its components is a Dapr handler
	 */
	boolean answersDaprHealthChecks() {
		for (Class<?> type : classes(new AnnotationTypeFilter(Component.class))) {
			for (Method method : type.getDeclaredMethods()) {
				if (method.isAnnotationPresent(DaprInvokeHandler.class) || method.isAnnotationPresent(DaprTopicHandler.class)
						|| method.isAnnotationPresent(DaprBindingHandler.class)) {
					return true;
				}
			}
		}
		return false;
	}

	private AppServerSettings settings(Map<String, String> environment, List<String> arguments) {
		StandardEnvironment spring = environment(environment, arguments);
		AppProperties properties = Binder.get(spring).bindOrCreate("microservice", AppProperties.class);
		return new AppServerSettingsResolver(spring).resolve(properties);
	}

	/**
	 * The app's Spring environment as a deployment runs it: arguments, then environment variables,
	 * then its application.yml (the profiles' documents aside).
	 */
	private StandardEnvironment environment(Map<String, String> environment, List<String> arguments) {
		StandardEnvironment spring = new StandardEnvironment();
		MutablePropertySources sources = spring.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(environment)));
		sources.addFirst(new SimpleCommandLinePropertySource(arguments.toArray(String[]::new)));
		sources.addLast(applicationYml());
		return spring;
	}

	private PropertySource<?> applicationYml() {
		String file = this.module + "/src/main/resources/application.yml";
		try {
			return new YamlPropertySourceLoader().load(file, new FileSystemResource(RepositoryFiles.path(file))).get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<Class<?>> classes(TypeFilter filter) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(filter);
		return scanner.findCandidateComponents(this.basePackage)
			.stream()
			.map(BeanDefinition::getBeanClassName)
			.<Class<?>>map((name) -> ClassUtils.resolveClassName(name, DemoApp.class.getClassLoader()))
			.toList();
	}

	private static Field field(Class<?> generated) {
		try {
			return generated.getField("SERVICE_NAME");
		}
		catch (NoSuchFieldException ex) {
			return null;
		}
	}

	private static Object staticValue(Field field) {
		try {
			return field.get(null);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

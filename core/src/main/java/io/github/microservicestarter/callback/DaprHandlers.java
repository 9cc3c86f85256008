package io.github.microservicestarter.callback;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.dapr.v1.DaprAppCallbackProtos.BulkSubscribeConfig;
import io.dapr.v1.DaprAppCallbackProtos.TopicRoutes;
import io.dapr.v1.DaprAppCallbackProtos.TopicRule;
import io.dapr.v1.DaprAppCallbackProtos.TopicSubscription;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.RepeatableContainers;
import org.springframework.util.StringUtils;

/**
 * Finds the handler methods of all beans once they exist, checks them, and finds the one for each
 * invoked method, topic event and binding event.
 */
public class DaprHandlers implements BeanFactoryAware, SmartInitializingSingleton {

	private static final List<Class<? extends Annotation>> HANDLER_ANNOTATIONS = List.of(DaprInvokeHandler.class,
			DaprBindingHandler.class, DaprTopicHandler.class);

	private final PayloadConverter converter;

	private ConfigurableListableBeanFactory beanFactory;

	private final Map<String, HandlerMethod> invokeHandlers = new LinkedHashMap<>();

	private final Map<String, HandlerMethod> bindingHandlers = new LinkedHashMap<>();

	/** Topic handlers by pub/sub and topic. */
	private final Map<String, List<TopicHandler>> topics = new LinkedHashMap<>();

	private final Map<String, TopicHandler> topicHandlersByPath = new LinkedHashMap<>();

	private final List<TopicSubscription> subscriptions = new ArrayList<>();

	/**
	 * Creates the handler registry.
	 * @param converter works out what each handler's data parameter reads data as
	 */
	public DaprHandlers(PayloadConverter converter) {
		this.converter = converter;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	/**
	 * The Dapr handler methods of a class, with their handler annotations, found in one scan.
	 * @param type the class
	 * @return the annotations of each handler method; empty when it has none
	 */
	static Map<Method, List<Annotation>> handlerMethods(Class<?> type) {
		if (!AnnotationUtils.isCandidateClass(type, HANDLER_ANNOTATIONS)) {
			return Map.of();
		}
		return MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<List<Annotation>>) (method) -> {
			MergedAnnotations annotations = MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY,
					RepeatableContainers.none());
			List<Annotation> found = HANDLER_ANNOTATIONS.stream()
				.filter(annotations::isPresent)
				.map((annotation) -> (Annotation) annotations.get(annotation).synthesize())
				.toList();
			return found.isEmpty() ? null : found;
		});
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : this.beanFactory.getBeanNamesForType(Object.class)) {
			Class<?> type = ScopedProxyUtils.isScopedTarget(name) ? null
					: AutoProxyUtils.determineTargetClass(this.beanFactory, name);
			Map<Method, List<Annotation>> methods = (type != null) ? handlerMethods(type) : Map.of();
			if (!methods.isEmpty()) {
				Object bean = this.beanFactory.getBean(name);
				methods.forEach((method, annotations) -> annotations
					.forEach((annotation) -> register(name, bean, method, annotation)));
			}
		}
		this.topics.values().forEach(this::subscribe);
	}

	private void register(String name, Object bean, Method method, Annotation annotation) {
		if (annotation instanceof DaprInvokeHandler invoke) {
			HandlerMethod handler = HandlerMethod.of(bean, name, method, null, this.converter);
			requireText(handler, invoke.value(), "@DaprInvokeHandler has no method name",
					"Name the invoked method: @DaprInvokeHandler(\"EchoMethod\").");
			putOnce(this.invokeHandlers, invoke.value(), handler, "invoked method '%s'");
		}
		else if (annotation instanceof DaprBindingHandler binding) {
			HandlerMethod handler = HandlerMethod.of(bean, name, method, BindingContext.class, this.converter);
			requireText(handler, binding.value(), "@DaprBindingHandler has no binding name",
					"Name the input binding component: @DaprBindingHandler(\"storage\").");
			putOnce(this.bindingHandlers, binding.value(), handler, "input binding '%s'");
		}
		else if (annotation instanceof DaprTopicHandler topic) {
			registerTopicHandler(name, bean, method, topic);
		}
	}

	private void registerTopicHandler(String name, Object bean, Method method, DaprTopicHandler annotation) {
		HandlerMethod handler = HandlerMethod.of(bean, name, method, CloudEvent.class, this.converter);
		requireText(handler, annotation.pubsub(), "@DaprTopicHandler has no pubsub",
				"Name the pub/sub component: @DaprTopicHandler(pubsub = \"pubsub\", topic = ...).");
		requireText(handler, annotation.topic(), "@DaprTopicHandler has no topic",
				"Name the topic: @DaprTopicHandler(pubsub = ..., topic = \"orders\").");
		Map<String, String> metadata = metadata(handler, annotation);
		List<TopicHandler> handlers = this.topics.computeIfAbsent(topicKey(annotation.pubsub(), annotation.topic()),
				(key) -> new ArrayList<>());
		for (TopicHandler other : handlers) {
			if (other.annotation().match().equals(annotation.match())) {
				String what = annotation.match().isEmpty() ? "without a match rule"
						: "with the rule '%s'".formatted(annotation.match());
				throw new InvalidDaprHandlerException(handler.description(),
						"topic '%s' of pubsub '%s' has a second handler %s: %s".formatted(annotation.topic(),
								annotation.pubsub(), what, other.method().description()),
						"Keep one handler per topic and rule; tell events apart with 'match' rules.");
			}
		}
		handlers.add(new TopicHandler(handler, annotation, metadata, ""));
	}

	private static void requireText(HandlerMethod handler, String value, String problem, String action) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidDaprHandlerException(handler.description(), problem, action);
		}
	}

	private static void putOnce(Map<String, HandlerMethod> handlers, String key, HandlerMethod handler,
			String what) {
		HandlerMethod other = handlers.putIfAbsent(key, handler);
		if (other != null) {
			throw new InvalidDaprHandlerException(handler.description(),
					(what + " already has a handler: %s").formatted(key, other.description()),
					"Keep one handler for " + what.formatted(key) + ".");
		}
	}

	private static Map<String, String> metadata(HandlerMethod handler, DaprTopicHandler annotation) {
		Map<String, String> metadata = new LinkedHashMap<>();
		for (String entry : annotation.metadata()) {
			int equals = entry.indexOf('=');
			if (equals < 1) {
				throw new InvalidDaprHandlerException(handler.description(),
						"its metadata entry '%s' is not key=value".formatted(entry),
						"Write each metadata entry as key=value, e.g. metadata = \"rawPayload=true\".");
			}
			metadata.put(entry.substring(0, equals), entry.substring(equals + 1));
		}
		return metadata;
	}

	/** One subscription per topic: the default handler, then the rules by priority, with their paths. */
	private void subscribe(List<TopicHandler> handlers) {
		handlers.sort(Comparator.comparing((TopicHandler handler) -> !handler.annotation().match().isEmpty())
			.thenComparingInt((handler) -> handler.annotation().priority())
			.thenComparing((handler) -> handler.annotation().match()));
		DaprTopicHandler first = handlers.get(0).annotation();
		String key = topicKey(first.pubsub(), first.topic());
		TopicSubscription.Builder subscription = TopicSubscription.newBuilder()
			.setPubsubName(first.pubsub())
			.setTopic(first.topic());
		TopicRoutes.Builder routes = subscription.getRoutesBuilder();
		Set<String> deadLetterTopics = new TreeSet<>();
		for (int i = 0; i < handlers.size(); i++) {
			TopicHandler handler = handlers.get(i);
			DaprTopicHandler annotation = handler.annotation();
			String path = annotation.match().isEmpty() ? key : key + "#" + i;
			handlers.set(i, new TopicHandler(handler.method(), annotation, handler.metadata(), path));
			this.topicHandlersByPath.put(path, handlers.get(i));
			if (annotation.match().isEmpty()) {
				routes.setDefault(path);
			}
			else {
				routes.addRules(TopicRule.newBuilder().setMatch(annotation.match()).setPath(path));
			}
			if (!annotation.deadLetterTopic().isEmpty()) {
				deadLetterTopics.add(annotation.deadLetterTopic());
			}
			mergeMetadata(subscription, handler);
			if (annotation.bulk()) {
				subscription.setBulkSubscribe(BulkSubscribeConfig.newBuilder().setEnabled(true));
			}
		}
		if (deadLetterTopics.size() > 1) {
			throw new InvalidDaprHandlerException(handlers.get(0).method().description(),
					"the handlers of topic '%s' of pubsub '%s' name different dead-letter topics: %s"
						.formatted(first.topic(), first.pubsub(), deadLetterTopics),
					"A topic has one dead-letter topic: name the same one on each handler, or on one only.");
		}
		deadLetterTopics.forEach(subscription::setDeadLetterTopic);
		this.subscriptions.add(subscription.build());
	}

	private static void mergeMetadata(TopicSubscription.Builder subscription, TopicHandler handler) {
		handler.metadata().forEach((name, value) -> {
			String other = subscription.getMetadataMap().get(name);
			if (other != null && !other.equals(value)) {
				throw new InvalidDaprHandlerException(handler.method().description(),
						"its metadata %s=%s contradicts %s=%s of another handler of the topic".formatted(name, value,
								name, other),
						"A topic has one subscription: give each metadata key one value across its handlers.");
			}
			subscription.putMetadata(name, value);
		});
	}

	private static String topicKey(String pubsub, String topic) {
		return pubsub + "/" + topic;
	}

	/**
	 * The handler of an invoked method.
	 * @param method the method's name
	 * @return its handler, or {@code null}
	 */
	HandlerMethod invokeHandler(String method) {
		return this.invokeHandlers.get(method);
	}

	/**
	 * The names of the invoked methods that have handlers.
	 * @return the method names
	 */
	Set<String> invokedMethods() {
		return this.invokeHandlers.keySet();
	}

	/**
	 * The handler of an input binding.
	 * @param name the binding's name
	 * @return its handler, or {@code null}
	 */
	HandlerMethod bindingHandler(String name) {
		return this.bindingHandlers.get(name);
	}

	/**
	 * The input bindings that have handlers.
	 * @return the binding names
	 */
	List<String> bindings() {
		return List.copyOf(this.bindingHandlers.keySet());
	}

	/**
	 * The handler of a topic event: by the route path Dapr sends, else the topic's default handler.
	 * @param pubsub the pub/sub name
	 * @param topic the topic
	 * @param path the route path, maybe empty
	 * @return the handler, or {@code null}
	 */
	TopicHandler topicHandler(String pubsub, String topic, String path) {
		TopicHandler handler = this.topicHandlersByPath.get(path);
		return (handler != null) ? handler : this.topicHandlersByPath.get(topicKey(pubsub, topic));
	}

	/**
	 * The subscriptions the handlers declare.
	 * @return one subscription per topic
	 */
	List<TopicSubscription> subscriptions() {
		return List.copyOf(this.subscriptions);
	}

}

package io.github.microservicestarter.callback;

import java.util.Arrays;
import java.util.Map;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * A {@link DaprTopicHandler} method with the route path Dapr sends back with its events.
 *
 * @param method the method
 * @param annotation its annotation
 * @param metadata the subscription metadata its annotation declares, read once
 * @param path the route path
 */
record TopicHandler(HandlerMethod method, DaprTopicHandler annotation, Map<String, String> metadata, String path) {

	/**
	 * Whether a failure is permanent: marked {@link DropOnFailure} or listed in
	 * {@link DaprTopicHandler#dropOn()}.
	 * @param failure what the method threw
	 * @return whether to drop the event rather than retry it
	 */
	boolean isPermanent(Throwable failure) {
		return AnnotatedElementUtils.hasAnnotation(failure.getClass(), DropOnFailure.class)
				|| Arrays.stream(this.annotation.dropOn()).anyMatch((type) -> type.isInstance(failure));
	}

}

package io.github.microservicestarter.callback;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives the events of a pub/sub topic. It may take the event data as
 * one parameter (a protobuf message, a type Jackson reads from JSON, {@code String} or
 * {@code byte[]}) and the {@link CloudEvent} attributes as another. Returning normally delivers the
 * event; an exception has Dapr deliver it again, unless its type is marked {@link DropOnFailure} or
 * listed in {@link #dropOn()}: then Dapr drops it (to the dead-letter topic, if there is one).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DaprTopicHandler {

	/**
	 * The name of the pub/sub component.
	 * @return the pub/sub name
	 */
	String pubsub();

	/**
	 * The topic.
	 * @return the topic
	 */
	String topic();

	/**
	 * A CEL routing rule (e.g. {@code event.type == "order.created"}): this method receives only
	 * the events it matches. Empty (the default) receives the events no rule of the topic takes.
	 * @return the rule
	 */
	String match() default "";

	/**
	 * Where the rule stands among the topic's rules: Dapr tries lower numbers first.
	 * @return the priority
	 */
	int priority() default 0;

	/**
	 * The topic that dropped events go to; empty for none.
	 * @return the dead-letter topic
	 */
	String deadLetterTopic() default "";

	/**
	 * Subscription metadata for the pub/sub component, as {@code key=value} entries (e.g.
	 * {@code rawPayload=true}).
	 * @return the metadata
	 */
	String[] metadata() default {};

	/**
	 * Whether Dapr delivers the topic's events in batches ({@code OnBulkTopicEvent}); each event
	 * still reaches the method on its own.
	 * @return whether to subscribe in bulk
	 */
	boolean bulk() default false;

	/**
	 * Exception types (and their subtypes) that make a failed event dropped rather than retried.
	 * @return the permanent failures
	 */
	Class<? extends Throwable>[] dropOn() default {};

}

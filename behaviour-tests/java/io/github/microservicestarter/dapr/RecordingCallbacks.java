package io.github.microservicestarter.dapr;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.microservicestarter.callback.BindingContext;
import io.github.microservicestarter.callback.CloudEvent;
import io.github.microservicestarter.callback.DaprBindingHandler;
import io.github.microservicestarter.callback.DaprInvokeHandler;
import io.github.microservicestarter.callback.DaprTopicHandler;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An app with a Dapr handler of every kind, which records what reaches it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class RecordingCallbacks {

	@Bean
	Handlers handlers() {
		return new Handlers();
	}

	/** An order, published as JSON. */
	record Order(String id, double amount) {
	}

	/**
	 * An event as a topic handler received it.
	 * @param topic the topic
	 * @param data the data, as the handler's parameter
	 * @param event its CloudEvent attributes
	 */
	record Delivery(String topic, Object data, CloudEvent event) {
	}

	/**
	 * An event of an input binding as its handler received it.
	 * @param data the data
	 * @param binding the binding and its metadata
	 */
	record BindingEvent(String data, BindingContext binding) {
	}

	static final class Handlers {

		private final List<String> invocations = new CopyOnWriteArrayList<>();

		private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

		private final List<BindingEvent> bindingEvents = new CopyOnWriteArrayList<>();

		@DaprInvokeHandler("EchoMethod")
		String echo(String message) {
			this.invocations.add(message);
			return "echo " + message;
		}

		@DaprTopicHandler(pubsub = "pubsub", topic = "orders")
		void order(Order order, CloudEvent event) {
			this.deliveries.add(new Delivery("orders", order, event));
		}

		/** Fails as a handler fails when a store it needs is down: RETRY. */
		@DaprTopicHandler(pubsub = "pubsub", topic = "retried")
		void retried(String text, CloudEvent event) {
			this.deliveries.add(new Delivery("retried", text, event));
			throw new IllegalStateException("the store is down");
		}

		/** Fails as a handler fails on an event it can never take: DROP. */
		@DaprTopicHandler(pubsub = "pubsub", topic = "dropped", dropOn = IllegalArgumentException.class)
		void dropped(String text, CloudEvent event) {
			this.deliveries.add(new Delivery("dropped", text, event));
			throw new IllegalArgumentException("not an order: " + text);
		}

		@DaprTopicHandler(pubsub = "pubsub", topic = "bulk-orders", bulk = true)
		void bulkOrder(Order order, CloudEvent event) {
			this.deliveries.add(new Delivery("bulk-orders", order, event));
		}

		@DaprBindingHandler("storage")
		void stored(String data, BindingContext binding) {
			this.bindingEvents.add(new BindingEvent(data, binding));
		}

		List<String> invocations() {
			return List.copyOf(this.invocations);
		}

		/**
		 * The events delivered to a topic's handler, in order.
		 * @param topic the topic
		 * @return its deliveries
		 */
		List<Delivery> deliveries(String topic) {
			return this.deliveries.stream().filter((delivery) -> delivery.topic().equals(topic)).toList();
		}

		List<BindingEvent> bindingEvents() {
			return List.copyOf(this.bindingEvents);
		}

	}

}

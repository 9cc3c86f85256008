package io.github.microservicestarter.demo.summator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.microservicestarter.callback.BindingContext;
import io.github.microservicestarter.callback.CloudEvent;
import io.github.microservicestarter.callback.DaprBindingHandler;
import io.github.microservicestarter.callback.DaprInvokeHandler;
import io.github.microservicestarter.callback.DaprTopicHandler;

import org.springframework.stereotype.Component;

/**
 * What the summator does for Dapr: answers the {@code EchoMethod} of Dapr's gRPC example, sums the
 * numbers published to topic {@code sums}, and takes events of the {@code storage} input binding.
 */
@Component
public class DaprCallbacks {

	private static final Log logger = LogFactory.getLog(DaprCallbacks.class);

	/**
	 * Dapr's example method: {@code dapr invoke --app-id summator --method EchoMethod}.
	 * @return pong
	 */
	@DaprInvokeHandler("EchoMethod")
	public String echo() {
		return "pong";
	}

	/**
	 * Sums the two numbers of an event published as JSON, e.g. {@code {"value1": 1, "value2": 2}}.
	 * @param numbers the numbers, read from JSON into the Summator's own message
	 * @param event the event's CloudEvent attributes
	 */
	@DaprTopicHandler(pubsub = "pubsub", topic = "sums")
	public void sum(Number1 numbers, CloudEvent event) {
		float sum = numbers.getValue1() + numbers.getValue2();
		logger.info("Event %s from %s: %s + %s = %s".formatted(event.id(), event.source(), numbers.getValue1(),
				numbers.getValue2(), sum));
	}

	/**
	 * Takes an event of the {@code storage} input binding.
	 * @param data the event's data, as text
	 * @param binding the binding and its metadata
	 */
	@DaprBindingHandler("storage")
	public void stored(String data, BindingContext binding) {
		logger.info("Binding %s sent %s (metadata %s)".formatted(binding.name(), data, binding.metadata()));
	}

}

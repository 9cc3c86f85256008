package io.github.microservicestarter.callback;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.type.LatLng;

/**
 * Handlers of every kind that record what they receive; handlers run before the call answers, so
 * tests read the record right after the call.
 */
class RecordingHandlers {

	private final List<Object> received = new CopyOnWriteArrayList<>();

	/** A JSON payload read with Jackson. */
	record Order(String id, List<Double> amounts) {
	}

	/** A JSON result written with Jackson. */
	record Total(String id, double sum) {
	}

	/** A failure marked permanent on its type. */
	@DropOnFailure
	static class InvalidPointException extends RuntimeException {

		InvalidPointException(String message) {
			super(message);
		}

	}

	@DaprInvokeHandler("EchoMethod")
	String echo(String message) {
		this.received.add(message);
		return "echo " + message;
	}

	@DaprInvokeHandler("Shift")
	LatLng shift(LatLng point) {
		this.received.add(point);
		return point.toBuilder().setLatitude(point.getLatitude() + 1).setLongitude(point.getLongitude() + 1).build();
	}

	@DaprInvokeHandler("Total")
	Total total(Order order) {
		this.received.add(order);
		return new Total(order.id(), order.amounts().stream().mapToDouble(Double::doubleValue).sum());
	}

	@DaprInvokeHandler("Fail")
	void fail() {
		throw new IllegalStateException("database password rejected");
	}

	@DaprInvokeHandler("Reject")
	void reject() {
		throw new IllegalArgumentException();
	}

	@DaprTopicHandler(pubsub = "pubsub", topic = "orders", deadLetterTopic = "orders-dead",
			metadata = "rawPayload=false")
	void order(Order order, CloudEvent event) {
		this.received.add(order);
		this.received.add(event);
	}

	@DaprTopicHandler(pubsub = "pubsub", topic = "orders", match = "event.type == \"order.big\"", priority = 1)
	void bigOrder(Order order) {
		this.received.add("big " + order.id());
	}

	@DaprTopicHandler(pubsub = "pubsub", topic = "points", bulk = true)
	void point(LatLng point) {
		if (point.getLatitude() > 90) {
			throw new InvalidPointException("latitude above 90: " + point.getLatitude());
		}
		if (point.getLatitude() < -90) {
			throw new IllegalStateException("the store is down");
		}
		this.received.add(point);
	}

	@DaprTopicHandler(pubsub = "other", topic = "texts", dropOn = IllegalArgumentException.class)
	void text(String text) {
		if (text.isBlank()) {
			throw new IllegalArgumentException("blank text");
		}
		this.received.add(text);
	}

	@DaprBindingHandler("storage")
	void stored(byte[] data, BindingContext context) {
		this.received.add(new String(data));
		this.received.add(context);
	}

	/**
	 * What the handlers received since the last {@link #clear()}, in order.
	 * @return the values
	 */
	List<Object> received() {
		return List.copyOf(this.received);
	}

	void clear() {
		this.received.clear();
	}

}

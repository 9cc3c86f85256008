package io.github.microservicestarter.callback;

import java.util.Map;

/**
 * The CloudEvent attributes of a topic event, for a {@link DaprTopicHandler} that asks for them.
 *
 * @param id the event's id
 * @param source where the event comes from (the publishing app's id, under Dapr)
 * @param type the event type
 * @param specVersion the CloudEvents version
 * @param dataContentType the content type of the data
 * @param topic the topic
 * @param pubsubName the pub/sub component
 * @param extensions the extension attributes (e.g. {@code traceparent}), as JSON values
 */
public record CloudEvent(String id, String source, String type, String specVersion, String dataContentType,
		String topic, String pubsubName, Map<String, Object> extensions) {

}

package io.github.microservicestarter.callback;

import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.type.LatLng;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus;
import io.dapr.v1.DaprAppCallbackProtos.TopicSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.microservicestarter.callback.RecordingHandlers.Order;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudEvents as Dapr delivers them: SUCCESS when the handler returns, RETRY when it throws, DROP
 * when it throws a permanent failure or the data cannot be read.
 */
@ExtendWith(OutputCaptureExtension.class)
class TopicEventTests extends SidecarTests {

	@Test
	void jsonEventReachesTheHandlerWithItsCloudEventAttributesAndSucceeds() {
		TopicEventRequest request = event("pubsub", "orders", "application/json",
				ByteString.copyFromUtf8("{\"id\":\"o-1\",\"amounts\":[1.5,2.5]}"))
			.setType("order.created")
			.setExtensions(Struct.newBuilder()
				.putFields("traceparent", Value.newBuilder().setStringValue("00-ab").build()))
			.build();
		assertThat(appCallback().onTopicEvent(request).getStatus()).isEqualTo(TopicEventResponseStatus.SUCCESS);
		assertThat(this.handlers.received()).containsExactly(new Order("o-1", List.of(1.5, 2.5)),
				new CloudEvent("event-1", "publisher-app", "order.created", "1.0", "application/json", "orders",
						"pubsub", Map.of("traceparent", "00-ab")));
	}

	@Test
	void protobufEventIsReadAsTheHandlersMessageAndSucceeds() {
		LatLng point = LatLng.newBuilder().setLatitude(48.1).setLongitude(11.6).build();
		TopicEventRequest request = event("pubsub", "points", "application/x-protobuf", point.toByteString()).build();
		assertThat(appCallback().onTopicEvent(request).getStatus()).isEqualTo(TopicEventResponseStatus.SUCCESS);
		assertThat(this.handlers.received()).containsExactly(point);
	}

	@Test
	void jsonEventIsReadAsTheHandlersProtobufMessage() {
		TopicEventRequest request = event("pubsub", "points", "application/json",
				ByteString.copyFromUtf8("{\"latitude\": 1.5, \"longitude\": 2.5}"))
			.build();
		assertThat(appCallback().onTopicEvent(request).getStatus()).isEqualTo(TopicEventResponseStatus.SUCCESS);
		assertThat(this.handlers.received())
			.containsExactly(LatLng.newBuilder().setLatitude(1.5).setLongitude(2.5).build());
	}

	@Test
	void handlerExceptionIsRetry() {
		TopicEventRequest request = event("pubsub", "points", "application/x-protobuf",
				LatLng.newBuilder().setLatitude(-100).build().toByteString())
			.build();
		assertThat(appCallback().onTopicEvent(request).getStatus()).isEqualTo(TopicEventResponseStatus.RETRY);
	}

	@Test
	void exceptionMarkedDropOnFailureIsDrop() {
		TopicEventRequest request = event("pubsub", "points", "application/x-protobuf",
				LatLng.newBuilder().setLatitude(100).build().toByteString())
			.build();
		assertThat(appCallback().onTopicEvent(request).getStatus()).isEqualTo(TopicEventResponseStatus.DROP);
	}

	@Test
	void exceptionListedInDropOnIsDropAndOthersOfTheTopicSucceed() {
		TopicEventRequest blank = event("other", "texts", "text/plain", ByteString.copyFromUtf8(" ")).build();
		TopicEventRequest text = event("other", "texts", "text/plain", ByteString.copyFromUtf8("hello")).build();
		assertThat(appCallback().onTopicEvent(blank).getStatus()).isEqualTo(TopicEventResponseStatus.DROP);
		assertThat(appCallback().onTopicEvent(text).getStatus()).isEqualTo(TopicEventResponseStatus.SUCCESS);
		assertThat(this.handlers.received()).containsExactly("hello");
	}

	@Test
	void dataThatCannotBeReadIsDropWithALogLineNamingTheTopicAndTheReason(CapturedOutput output) {
		TopicEventRequest request = event("pubsub", "orders", "application/json",
				ByteString.copyFromUtf8("{\"id\": [not json"))
			.setId("event-broken")
			.build();
		assertThat(appCallback().onTopicEvent(request).getStatus()).isEqualTo(TopicEventResponseStatus.DROP);
		assertThat(this.handlers.received()).isEmpty();
		assertThat(output).contains("Dropped event event-broken of topic 'orders' (pubsub 'pubsub')",
				"not JSON of Order");
	}

	@Test
	void eventOfARuleReachesTheRulesHandlerByThePathDaprSendsBack() {
		List<TopicSubscription> subscriptions = appCallback().listTopicSubscriptions(Empty.getDefaultInstance())
			.getSubscriptionsList();
		String rulePath = SubscriptionsAndBindingsTests.subscription(subscriptions, "orders")
			.getRoutes()
			.getRules(0)
			.getPath();
		TopicEventRequest request = event("pubsub", "orders", "application/json",
				ByteString.copyFromUtf8("{\"id\":\"o-big\",\"amounts\":[1000]}"))
			.setType("order.big")
			.setPath(rulePath)
			.build();
		assertThat(appCallback().onTopicEvent(request).getStatus()).isEqualTo(TopicEventResponseStatus.SUCCESS);
		assertThat(this.handlers.received()).containsExactly("big o-big");
	}

	@Test
	void eventOfATopicWithoutHandlerIsDrop() {
		TopicEventRequest request = event("pubsub", "unknown", "text/plain", ByteString.copyFromUtf8("x")).build();
		assertThat(appCallback().onTopicEvent(request).getStatus()).isEqualTo(TopicEventResponseStatus.DROP);
	}

	private static TopicEventRequest.Builder event(String pubsub, String topic, String contentType, ByteString data) {
		return TopicEventRequest.newBuilder()
			.setId("event-1")
			.setSource("publisher-app")
			.setType("com.dapr.event.sent")
			.setSpecVersion("1.0")
			.setDataContentType(contentType)
			.setData(data)
			.setTopic(topic)
			.setPubsubName(pubsub);
	}

}

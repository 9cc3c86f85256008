package io.github.microservicestarter.autoconfigure.callback;

import com.google.protobuf.ByteString;
import com.google.protobuf.RuntimeVersion;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.dapr.v1.AppCallbackGrpc;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicSubscription;
import io.grpc.MethodDescriptor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dapr's generated classes (built with protobuf 3.25 and grpc 1.79) run on the protobuf and grpc
 * versions the starter brings.
 */
class DaprAutogenCompatibilityTests {

	@Test
	void runsOnProtobufFour() {
		assertThat(RuntimeVersion.MAJOR).isGreaterThanOrEqualTo(4);
	}

	@Test
	void messagesRoundTripThroughBinaryAndJson() throws Exception {
		TopicEventRequest event = TopicEventRequest.newBuilder()
			.setId("1")
			.setTopic("orders")
			.setData(ByteString.copyFromUtf8("{\"id\":1}"))
			.setExtensions(Struct.newBuilder().putFields("traceparent", stringValue("00")))
			.build();
		assertThat(TopicEventRequest.parseFrom(event.toByteArray())).isEqualTo(event);

		TopicSubscription subscription = TopicSubscription.newBuilder()
			.setPubsubName("pubsub")
			.setTopic("orders")
			.putMetadata("rawPayload", "true")
			.build();
		TopicSubscription.Builder parsed = TopicSubscription.newBuilder();
		JsonFormat.parser().merge(JsonFormat.printer().print(subscription), parsed);
		assertThat(parsed.build()).isEqualTo(subscription);
	}

	private static Value stringValue(String value) {
		return Value.newBuilder().setStringValue(value).build();
	}

	@Test
	void grpcDescriptorsDescribeTheAppCallbackService() {
		assertThat(AppCallbackGrpc.getServiceDescriptor().getMethods()).extracting(MethodDescriptor::getBareMethodName)
			.contains("OnInvoke", "ListTopicSubscriptions", "OnTopicEvent", "ListInputBindings", "OnBindingEvent",
					"OnBulkTopicEvent");
	}

}

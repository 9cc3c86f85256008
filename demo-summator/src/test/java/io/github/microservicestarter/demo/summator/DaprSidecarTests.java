package io.github.microservicestarter.demo.summator;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.dapr.v1.AppCallbackGrpc;
import io.dapr.v1.AppCallbackHealthCheckGrpc;
import io.dapr.v1.CommonProtos.InvokeRequest;
import io.dapr.v1.CommonProtos.InvokeResponse;
import io.dapr.v1.DaprAppCallbackProtos.BindingEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.HealthCheckResponse;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus;
import io.dapr.v1.DaprAppCallbackProtos.TopicSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Plays Dapr's sidecar against the demo with Dapr's own generated stubs: what {@code dapr run
 * --app-protocol grpc} asks and sends. What the handlers did shows in their log lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class DaprSidecarTests extends SummatorClientTests {

	@Test
	void subscribesToTopicSumsOfPubsubAndListensToBindingStorage() {
		assertThat(appCallback().listTopicSubscriptions(Empty.getDefaultInstance()).getSubscriptionsList())
			.extracting(TopicSubscription::getPubsubName, TopicSubscription::getTopic)
			.containsExactly(tuple("pubsub", "sums"));
		assertThat(appCallback().listInputBindings(Empty.getDefaultInstance()).getBindingsList())
			.containsExactly("storage");
	}

	@Test
	void echoMethodAnswersPong() {
		InvokeResponse response = appCallback()
			.onInvoke(InvokeRequest.newBuilder().setMethod("EchoMethod").build());
		assertThat(response.getData().getValue().toStringUtf8()).isEqualTo("pong");
		assertThat(response.getContentType()).startsWith("text/plain");
	}

	@Test
	void jsonEventOfTopicSumsIsSummed(CapturedOutput output) {
		TopicEventResponseStatus status = appCallback()
			.onTopicEvent(sumsEvent("summed", "{\"value1\": 1.5, \"value2\": 2.25}"))
			.getStatus();
		assertThat(status).isEqualTo(TopicEventResponseStatus.SUCCESS);
		assertThat(output).contains("Event summed from publisher: 1.5 + 2.25 = 3.75");
	}

	@Test
	void eventThatIsNotNumbersIsDropped(CapturedOutput output) {
		TopicEventResponseStatus status = appCallback().onTopicEvent(sumsEvent("not-numbers", "{\"value1\": \"one\"}"))
			.getStatus();
		assertThat(status).isEqualTo(TopicEventResponseStatus.DROP);
		assertThat(output).contains("Dropped event not-numbers").doesNotContain("Event not-numbers from");
	}

	@Test
	void storageBindingEventIsTaken(CapturedOutput output) {
		appCallback().onBindingEvent(BindingEventRequest.newBuilder()
			.setName("storage")
			.setData(ByteString.copyFromUtf8("report.pdf uploaded"))
			.build());
		assertThat(output).contains("Binding storage sent report.pdf uploaded");
	}

	@Test
	void appIsHealthyForDapr() {
		assertThat(AppCallbackHealthCheckGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.healthCheck(Empty.getDefaultInstance())).isEqualTo(HealthCheckResponse.getDefaultInstance());
	}

	private AppCallbackGrpc.AppCallbackBlockingStub appCallback() {
		return AppCallbackGrpc.newBlockingStub(this.channel).withDeadlineAfter(10, TimeUnit.SECONDS);
	}

	private static TopicEventRequest sumsEvent(String id, String json) {
		return TopicEventRequest.newBuilder()
			.setId(id)
			.setSource("publisher")
			.setType("com.dapr.event.sent")
			.setSpecVersion("1.0")
			.setDataContentType("application/json")
			.setData(ByteString.copyFromUtf8(json))
			.setPubsubName("pubsub")
			.setTopic("sums")
			.build();
	}

}

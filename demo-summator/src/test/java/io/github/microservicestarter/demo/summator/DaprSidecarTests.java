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

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Plays Dapr's sidecar against the demo with Dapr's own generated stubs: what {@code dapr run
 * --app-protocol grpc} asks and sends.
 */
class DaprSidecarTests extends SummatorClientTests {

	@Autowired
	DaprCallbacks callbacks;

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
	void jsonEventOfTopicSumsIsSummed() {
		TopicEventResponseStatus status = appCallback().onTopicEvent(sumsEvent("{\"value1\": 1.5, \"value2\": 2.25}"))
			.getStatus();
		assertThat(status).isEqualTo(TopicEventResponseStatus.SUCCESS);
		assertThat(this.callbacks.sums()).last().isEqualTo(3.75f);
	}

	@Test
	void eventThatIsNotNumbersIsDropped() {
		int before = this.callbacks.sums().size();
		TopicEventResponseStatus status = appCallback().onTopicEvent(sumsEvent("{\"value1\": \"one\"}")).getStatus();
		assertThat(status).isEqualTo(TopicEventResponseStatus.DROP);
		assertThat(this.callbacks.sums()).hasSize(before);
	}

	@Test
	void storageBindingEventIsTaken() {
		appCallback().onBindingEvent(BindingEventRequest.newBuilder()
			.setName("storage")
			.setData(ByteString.copyFromUtf8("report.pdf uploaded"))
			.build());
		assertThat(this.callbacks.stored()).last().isEqualTo("report.pdf uploaded");
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

	private static TopicEventRequest sumsEvent(String json) {
		return TopicEventRequest.newBuilder()
			.setId("event-1")
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

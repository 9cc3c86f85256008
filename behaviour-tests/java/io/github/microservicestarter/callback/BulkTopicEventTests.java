package io.github.microservicestarter.callback;

import java.util.Map;
import java.util.stream.Collectors;

import com.google.protobuf.ByteString;
import com.google.type.LatLng;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventBulkRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventBulkRequestEntry;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventBulkResponseEntry;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventCERequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of events answers one status per entry: each event succeeds or fails on its own.
 */
class BulkTopicEventTests extends SidecarTests {

	@Test
	void eachEntryGetsItsOwnStatus() {
		LatLng good = LatLng.newBuilder().setLatitude(10).setLongitude(20).build();
		TopicEventBulkRequest request = TopicEventBulkRequest.newBuilder()
			.setId("batch-1")
			.setPubsubName("pubsub")
			.setTopic("points")
			.addEntries(cloudEvent("ok", good.toByteString(), "application/x-protobuf"))
			.addEntries(cloudEvent("retry", LatLng.newBuilder().setLatitude(-95).build().toByteString(),
					"application/x-protobuf"))
			.addEntries(cloudEvent("drop", LatLng.newBuilder().setLatitude(95).build().toByteString(),
					"application/x-protobuf"))
			.addEntries(cloudEvent("unreadable", ByteString.copyFromUtf8("{oops"), "application/json"))
			.addEntries(TopicEventBulkRequestEntry.newBuilder()
				.setEntryId("raw")
				.setBytes(ByteString.copyFromUtf8("{\"latitude\": 1}"))
				.setContentType("application/json"))
			.build();
		Map<String, TopicEventResponseStatus> statuses = appCallback().onBulkTopicEvent(request)
			.getStatusesList()
			.stream()
			.collect(Collectors.toMap(TopicEventBulkResponseEntry::getEntryId,
					TopicEventBulkResponseEntry::getStatus));
		assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of("ok", TopicEventResponseStatus.SUCCESS, "retry",
				TopicEventResponseStatus.RETRY, "drop", TopicEventResponseStatus.DROP, "unreadable",
				TopicEventResponseStatus.DROP, "raw", TopicEventResponseStatus.SUCCESS));
		assertThat(this.handlers.received()).containsExactly(good, LatLng.newBuilder().setLatitude(1).build());
	}

	private static TopicEventBulkRequestEntry.Builder cloudEvent(String id, ByteString data, String contentType) {
		return TopicEventBulkRequestEntry.newBuilder()
			.setEntryId(id)
			.setCloudEvent(TopicEventCERequest.newBuilder()
				.setId("event-" + id)
				.setSource("publisher-app")
				.setType("com.dapr.event.sent")
				.setSpecVersion("1.0")
				.setDataContentType(contentType)
				.setData(data));
	}

}

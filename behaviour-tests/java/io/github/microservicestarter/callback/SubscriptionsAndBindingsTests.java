package io.github.microservicestarter.callback;

import java.util.List;
import java.util.Map;

import com.google.protobuf.Empty;
import io.dapr.v1.DaprAppCallbackProtos.TopicRule;
import io.dapr.v1.DaprAppCallbackProtos.TopicSubscription;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Dapr asks at startup: the subscriptions and input bindings the annotations declare.
 */
class SubscriptionsAndBindingsTests extends SidecarTests {

	@Test
	void listsOneSubscriptionPerTopicWithItsRulesDeadLetterTopicMetadataAndBulk() {
		List<TopicSubscription> subscriptions = appCallback().listTopicSubscriptions(Empty.getDefaultInstance())
			.getSubscriptionsList();
		assertThat(subscriptions).extracting((s) -> s.getPubsubName() + "/" + s.getTopic())
			.containsExactlyInAnyOrder("pubsub/orders", "pubsub/points", "other/texts");

		TopicSubscription orders = subscription(subscriptions, "orders");
		assertThat(orders.getDeadLetterTopic()).isEqualTo("orders-dead");
		assertThat(orders.getMetadataMap()).isEqualTo(Map.of("rawPayload", "false"));
		assertThat(orders.getRoutes().getDefault()).isNotEmpty();
		assertThat(orders.getRoutes().getRulesList()).extracting(TopicRule::getMatch)
			.containsExactly("event.type == \"order.big\"");
		assertThat(orders.getRoutes().getRules(0).getPath()).isNotEmpty().isNotEqualTo(orders.getRoutes().getDefault());
		assertThat(orders.getBulkSubscribe().getEnabled()).isFalse();

		TopicSubscription points = subscription(subscriptions, "points");
		assertThat(points.getBulkSubscribe().getEnabled()).isTrue();
		assertThat(points.getDeadLetterTopic()).isEmpty();
		assertThat(points.getRoutes().getRulesList()).isEmpty();
	}

	@Test
	void listsTheInputBindings() {
		assertThat(appCallback().listInputBindings(Empty.getDefaultInstance()).getBindingsList())
			.containsExactly("storage");
	}

	static TopicSubscription subscription(List<TopicSubscription> subscriptions, String topic) {
		return subscriptions.stream().filter((s) -> s.getTopic().equals(topic)).findFirst().orElseThrow();
	}

}

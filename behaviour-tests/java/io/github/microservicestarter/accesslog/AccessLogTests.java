package io.github.microservicestarter.accesslog;

import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.microservicestarter.instrumentation.ObservedServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code microservice.access-log.enabled}, each call served logs a line with its method,
 * status, duration, peer, caller app id and the trace id it continues; without it, none.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTests {

	/** A W3C trace context as a calling app sends it: trace id, parent span id, sampled. */
	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

	@Test
	void callLogsMethodStatusDurationPeerCallerAndTheTraceItContinues(CapturedOutput output) {
		ObservedServer.withTracing()
			.withConfiguration(AutoConfigurations.of(AccessLogAutoConfiguration.class))
			.withPropertyValues("microservice.access-log.enabled=true")
			.run((context) -> {
				ManagedChannel channel = ObservedServer.channel(context);
				try {
					call(channel, HealthCheckRequest.getDefaultInstance());
					await().atMost(5, TimeUnit.SECONDS).until(() -> output.getOut().contains("caller=checkout"));
					assertThat(output.getOut()).containsPattern("access - grpc.health.v1.Health/Check OK \\d+ms"
							+ " peer=127\\.0\\.0\\.1:\\d+ caller=checkout trace=" + TRACE_ID);
				}
				finally {
					channel.shutdownNow();
				}
			});
	}

	@Test
	void accessLogIsOffByDefault() {
		ObservedServer.withTracing()
			.withConfiguration(AutoConfigurations.of(AccessLogAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AccessLogInterceptor.class));
	}

	private static void call(ManagedChannel channel, HealthCheckRequest request) {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("dapr-caller-app-id", Metadata.ASCII_STRING_MARSHALLER), "checkout");
		headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), TRACEPARENT);
		HealthGrpc.newBlockingStub(channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.check(request);
	}

}

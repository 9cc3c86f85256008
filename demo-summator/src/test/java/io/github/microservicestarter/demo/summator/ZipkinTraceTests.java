package io.github.microservicestarter.demo.summator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.microservicestarter.autoconfigure.client.GlobalClientInterceptor;
import io.github.microservicestarter.autoconfigure.client.TargetAppId;
import io.github.microservicestarter.autoconfigure.server.LocalAppPort;
import io.github.microservicestarter.demo.helloworld.GreeterGrpc;
import io.github.microservicestarter.demo.helloworld.HelloRequest;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call through the sidecar client's interceptors to a served method makes one trace in a real
 * Zipkin: the client span, named by the RPC and tagged with the target app id, is the parent of
 * the server span; the server's log lines carry the trace id.
 * <p>
 * The call goes from the test to the summator's own Greeter, so both spans come from this app;
 * once the sidecar client exists, the same harness serves a summator to user-service call.
 */
@AutoConfigureObservability
@SpringBootTest(properties = { "microservice.app-port=0", "microservice.access-log.enabled=true",
		"management.zipkin.tracing.export.enabled=true" })
@ExtendWith(OutputCaptureExtension.class)
class ZipkinTraceTests {

	private static ZipkinServer zipkin;

	@LocalAppPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Tracer tracer;

	@DynamicPropertySource
	static void zipkin(DynamicPropertyRegistry registry) throws Exception {
		Path log = Files.createDirectories(Path.of("target")).resolve("zipkin.log");
		zipkin = ZipkinServer.start(log);
		registry.add("management.zipkin.tracing.endpoint", zipkin::spansEndpoint);
	}

	@AfterAll
	static void stopZipkin() throws InterruptedException {
		zipkin.close();
	}

	@Test
	void clientSpanIsTheParentOfTheServerSpanInOneTrace(CapturedOutput output) throws Exception {
		ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", this.port).usePlaintext().build();
		String traceId;
		Span test = this.tracer.nextSpan().name("test").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(test)) {
			traceId = test.context().traceId();
			GreeterGrpc.newBlockingStub(interceptedAsTheSidecarClient(channel))
				.withOption(TargetAppId.CALL_OPTION, "summator")
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.sayHello(HelloRequest.newBuilder().setName("Ada").build());
		}
		finally {
			test.end();
			channel.shutdownNow();
		}
		this.context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);

		List<JsonNode> spans = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			spans.clear();
			zipkin.trace(traceId).forEach(spans::add);
			return spans.stream().anyMatch((span) -> "SERVER".equals(span.path("kind").asText()));
		});
		JsonNode client = only(spans, "CLIENT");
		JsonNode server = only(spans, "SERVER");
		assertThat(client.path("name").asText()).isEqualTo("helloworld.greeter/sayhello");
		assertThat(server.path("name").asText()).isEqualTo("helloworld.greeter/sayhello");
		assertThat(server.path("parentId").asText()).isEqualTo(client.path("id").asText());
		assertThat(client.path("localEndpoint").path("serviceName").asText()).isEqualTo("summator");
		assertThat(client.path("tags").path("target.app.id").asText()).isEqualTo("summator");
		assertThat(server.path("tags").path("rpc.service").asText()).isEqualTo("helloworld.Greeter");
		assertThat(server.path("tags").path("rpc.method").asText()).isEqualTo("SayHello");
		assertThat(server.path("tags").path("grpc.status_code").asText()).isEqualTo("OK");
		// Boot's log correlation and the access log both name the trace.
		assertThat(output.getOut()).containsPattern("\\[" + traceId + "-[0-9a-f]{16}\\].*helloworld.Greeter/SayHello OK")
			.contains("trace=" + traceId);
	}

	private Channel interceptedAsTheSidecarClient(Channel channel) {
		List<ClientInterceptor> interceptors = new ArrayList<>(this.context
			.getBeansWithAnnotation(GlobalClientInterceptor.class)
			.values()
			.stream()
			.map(ClientInterceptor.class::cast)
			.toList());
		interceptors.sort(AnnotationAwareOrderComparator.INSTANCE.reversed());
		return ClientInterceptors.intercept(channel, interceptors);
	}

	private static JsonNode only(List<JsonNode> spans, String kind) {
		List<JsonNode> ofKind = spans.stream().filter((span) -> kind.equals(span.path("kind").asText())).toList();
		assertThat(ofKind).as("%s spans in %s", kind, spans).hasSize(1);
		return ofKind.get(0);
	}

}

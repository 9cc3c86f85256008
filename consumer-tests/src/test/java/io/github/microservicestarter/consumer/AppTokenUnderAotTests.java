package io.github.microservicestarter.consumer;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.example.greeting.GreetRequest;
import com.example.greeting.GreetingGrpc;
import io.grpc.Metadata;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The app API token fails closed: the quick start processed by Spring AOT when no token was set,
 * started with {@code APP_API_TOKEN}, refuses calls without it, on both Spring Boot lines.
 */
class AppTokenUnderAotTests {

	private static final GreetRequest ADA = GreetRequest.newBuilder().setName("Ada").build();

	@ParameterizedTest
	@ValueSource(strings = { "aot-quick-start", "boot4-aot-quick-start" })
	void tokenSetOnlyAtRunTimeIsRequired(String build) throws Exception {
		try (ConsumerApp app = ConsumerApp.start(new ConsumerBuild(build).jar(),
				Map.of("PORT", "" + ConsumerApp.freePort(), "APP_API_TOKEN", "run-time-secret", "JAVA_TOOL_OPTIONS",
						"-Dspring.aot.enabled=true"))) {
			GreetingGrpc.GreetingBlockingStub greeting = app.greeting();
			assertThat(app.output()).contains("Starting AOT-processed GreetingApplication");
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> greeting.greet(ADA))
				.extracting((refused) -> refused.getStatus().getCode())
				.isEqualTo(Code.UNAUTHENTICATED);
			Metadata token = new Metadata();
			token.put(Metadata.Key.of("dapr-api-token", Metadata.ASCII_STRING_MARSHALLER), "run-time-secret");
			assertThat(greeting.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(token))
				.withDeadlineAfter(30, TimeUnit.SECONDS)
				.greet(ADA)
				.getMessage()).isEqualTo("Hello Ada, from greeting");
		}
	}

}

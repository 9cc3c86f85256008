package io.github.microservicestarter.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A {@link SidecarChannelCustomizer} bean changes each connection as it is built, told which app
 * it reaches.
 */
class SidecarChannelCustomizerTests {

	@Test
	void customizerLimitsTheRepliesOfTheConnectionToTheAppItIsGiven() throws Exception {
		List<String> customized = new CopyOnWriteArrayList<>();
		try (EchoBackend echo = EchoBackend.start("echo")) {
			SidecarClientRunner.withEnvironment()
				.withPropertyValues("microservice.clients.echo.address=static://" + echo.address())
				.withBean(SidecarChannelCustomizer.class, () -> (appId, builder) -> {
					customized.add(appId);
					builder.maxInboundMessageSize(64);
				})
				.run((context) -> {
					EchoClient client = new EchoClient(context.getBean(SidecarChannels.class).channel("echo"));
					assertThat(client.get("short").getText()).isEqualTo("short");
					StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
							() -> client.get("x".repeat(200)));
					assertThat(refused.getStatus().getCode()).isEqualTo(Code.RESOURCE_EXHAUSTED);
					assertThat(customized).containsExactly("echo");
				});
		}
	}

}

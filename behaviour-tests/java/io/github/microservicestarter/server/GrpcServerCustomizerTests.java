package io.github.microservicestarter.server;

import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A {@link GrpcServerCustomizer} bean changes the server as it is built, on either server library.
 */
class GrpcServerCustomizerTests {

	@Test
	void customizerLimitsTheMessagesTheServerTakes() {
		GrpcServerRunner.onFreePort()
			.withBean(ProbeService.class, () -> new ProbeService((request) -> "took " + request.length()))
			.withBean(GrpcServerCustomizer.class, () -> (builder) -> builder.maxInboundMessageSize(1024))
			.run((context) -> {
				try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
					assertThat(ProbeService.call(channel.channel(), "x".repeat(512))).isEqualTo("took 512");
					StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
							() -> ProbeService.call(channel.channel(), "x".repeat(2048)));
					assertThat(refused.getStatus().getCode()).isEqualTo(Code.RESOURCE_EXHAUSTED);
				}
			});
	}

}

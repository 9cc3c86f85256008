package io.github.microservicestarter.callback;

import java.util.Map;

import com.google.protobuf.ByteString;
import io.dapr.v1.DaprAppCallbackProtos.BindingEventRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Input binding events reach their handler with the binding's metadata.
 */
class BindingEventTests extends SidecarTests {

	@Test
	void eventReachesTheBindingsHandlerWithItsMetadata() {
		appCallback().onBindingEvent(BindingEventRequest.newBuilder()
			.setName("storage")
			.setData(ByteString.copyFromUtf8("file uploaded"))
			.putMetadata("blobName", "report.pdf")
			.build());
		assertThat(this.handlers.received()).containsExactly("file uploaded",
				new BindingContext("storage", Map.of("blobName", "report.pdf")));
	}

	@Test
	void unknownBindingIsUnimplementedNamingTheBinding() {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> appCallback().onBindingEvent(BindingEventRequest.newBuilder().setName("queue").build()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
		assertThat(failure.getStatus().getDescription()).contains("'queue'", "storage");
	}

}

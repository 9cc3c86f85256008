package io.github.microservicestarter.callback;

import java.util.List;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.StringValue;
import com.google.type.LatLng;
import io.dapr.v1.CommonProtos.InvokeRequest;
import io.dapr.v1.CommonProtos.InvokeResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import io.github.microservicestarter.callback.RecordingHandlers.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Service invocation ({@code OnInvoke}): the handler's parameter is read from the request data and
 * its result becomes the response data, with the right content type.
 */
class InvokeTests extends SidecarTests {

	@Test
	void echoMethodAnswersTextAsTheSeedsExampleDoes() {
		InvokeResponse response = appCallback().onInvoke(InvokeRequest.newBuilder()
			.setMethod("EchoMethod")
			.setContentType("text/plain")
			.setData(Any.newBuilder().setValue(ByteString.copyFromUtf8("ping")))
			.build());
		assertThat(response.getData().getValue().toStringUtf8()).isEqualTo("echo ping");
		assertThat(response.getContentType()).isEqualTo("text/plain; charset=UTF-8");
		assertThat(this.handlers.received()).containsExactly("ping");
	}

	@Test
	void packedProtobufMessageInGetsAPackedMessageOut() throws Exception {
		LatLng point = LatLng.newBuilder().setLatitude(1).setLongitude(2).build();
		InvokeResponse response = appCallback()
			.onInvoke(InvokeRequest.newBuilder().setMethod("Shift").setData(Any.pack(point)).build());
		assertThat(response.getData().unpack(LatLng.class))
			.isEqualTo(LatLng.newBuilder().setLatitude(2).setLongitude(3).build());
		assertThat(response.getContentType()).isEqualTo("application/x-protobuf");
	}

	@Test
	void jsonInGetsJsonOut() {
		InvokeResponse response = appCallback().onInvoke(InvokeRequest.newBuilder()
			.setMethod("Total")
			.setContentType("application/json")
			.setData(Any.newBuilder().setValue(ByteString.copyFromUtf8("{\"id\":\"o-7\",\"amounts\":[1.25,2]}")))
			.build());
		assertThat(response.getData().getValue().toStringUtf8()).isEqualTo("{\"id\":\"o-7\",\"sum\":3.25}");
		assertThat(response.getContentType()).isEqualTo("application/json");
		assertThat(this.handlers.received()).containsExactly(new Order("o-7", List.of(1.25, 2.0)));
	}

	@Test
	void unknownMethodIsUnimplementedNamingTheMethod() {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> appCallback().onInvoke(InvokeRequest.newBuilder().setMethod("NoSuchMethod").build()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
		assertThat(failure.getStatus().getDescription()).contains("'NoSuchMethod'", "EchoMethod");
	}

	@Test
	void dataThatCannotBeReadIsInvalidArgumentSayingWhy() {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> appCallback().onInvoke(InvokeRequest.newBuilder()
					.setMethod("Total")
					.setContentType("application/json")
					.setData(Any.newBuilder().setValue(ByteString.copyFromUtf8("{\"amounts\": \"many\"}")))
					.build()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(failure.getStatus().getDescription()).contains("method 'Total'", "not JSON of Order");
	}

	@Test
	void packedMessageOfAnotherTypeIsInvalidArgumentNamingBothTypes() {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> appCallback().onInvoke(InvokeRequest.newBuilder()
					.setMethod("Shift")
					.setData(Any.pack(StringValue.of("north")))
					.build()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(failure.getStatus().getDescription()).contains("google.protobuf.StringValue", "google.type.LatLng");
	}

	@Test
	void illegalArgumentWithoutMessageIsInvalidArgumentSayingTheMethodRejectedTheData() {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> appCallback().onInvoke(InvokeRequest.newBuilder().setMethod("Reject").build()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(failure.getStatus().getDescription()).isEqualTo("Method 'Reject' rejected its data");
	}

	@Test
	void handlerFailureIsInternalWithoutItsMessage() {
		StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
				() -> appCallback().onInvoke(InvokeRequest.newBuilder().setMethod("Fail").build()));
		assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
		assertThat(failure.getStatus().getDescription()).contains("'Fail'").doesNotContain("password");
	}

}

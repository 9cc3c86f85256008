package io.github.microservicestarter.callback;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;

import io.github.microservicestarter.callback.PayloadConverter.DataType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever data and content type a Dapr callback delivers, reading it as a handler's parameter
 * gives a value or a {@link PayloadConversionException} (which the callbacks answer with
 * INVALID_ARGUMENT, or DROP for an event), never another exception; text and bytes are always
 * read, as they came.
 */
class PayloadConverterFuzzTests {

	private static final String[] CONTENT_TYPES = { "application/json", "application/cloudevents+json",
			"application/x-protobuf", "application/octet-stream", "text/plain; charset=UTF-8", "" };

	/** Without JSON for other types: those are the app's Jackson's, on each Spring Boot line. */
	private final PayloadConverter converter = new PayloadConverter(null);

	/** A recursive message, read from protobuf binary or JSON. */
	private final DataType struct = this.converter.dataType(Struct.class);

	private final DataType text = this.converter.dataType(String.class);

	private final DataType bytes = this.converter.dataType(byte[].class);

	@FuzzTest
	void anyDataReadsAsTheParameterOrFailsAsUnreadable(FuzzedDataProvider data) {
		String contentType = data.consumeBoolean() ? data.pickValue(CONTENT_TYPES) : data.consumeString(100);
		Payload payload = new Payload(ByteString.copyFrom(data.consumeRemainingAsBytes()), contentType);
		try {
			assertThat(this.converter.read(payload, this.struct)).isInstanceOf(Struct.class);
		}
		catch (PayloadConversionException ex) {
			assertThat(ex.getMessage()).startsWith("not a google.protobuf.Struct message (as "
					+ (PayloadConverter.isJson(contentType) ? "JSON" : "protobuf binary") + ")");
		}
		assertThat(this.converter.read(payload, this.text)).isEqualTo(payload.data().toStringUtf8());
		assertThat(this.converter.read(payload, this.bytes)).isEqualTo(payload.data().toByteArray());
	}

}

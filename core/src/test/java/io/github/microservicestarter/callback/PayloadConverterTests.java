package io.github.microservicestarter.callback;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which content types a Dapr callback's data is read as JSON for; the content type is the
 * sender's, so malformed ones read as not JSON rather than fail.
 */
class PayloadConverterTests {

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "APPLICATION/JSON", "application/json; charset=utf-8",
			"application/cloudevents+json", "application/cloudevents+json;charset=UTF-8", " application/json " })
	void jsonAndAnyPlusJsonAreJson(String contentType) {
		assertThat(PayloadConverter.isJson(contentType)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "json", "/json", "application/x-protobuf", "text/plain; charset=UTF-8",
			"application/octet-stream", "application/json-seq", "text/plain; format=application/json",
			// Found by the fuzz test: Spring's MIME type parser failed on it with an index out of range.
			"\"s/n" })
	void otherAndMalformedContentTypesAreNotJson(String contentType) {
		assertThat(PayloadConverter.isJson(contentType)).isFalse();
	}

}

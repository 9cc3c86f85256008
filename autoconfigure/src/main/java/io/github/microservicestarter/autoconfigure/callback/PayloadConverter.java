package io.github.microservicestarter.autoconfigure.callback;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * Reads handler parameters from data and writes handler results to data: protobuf messages from
 * binary or JSON, other objects as JSON with Jackson, {@code String} as UTF-8 and {@code byte[]}
 * as is.
 */
class PayloadConverter {

	static final String PROTOBUF = "application/x-protobuf";

	static final String JSON = "application/json";

	static final String TEXT = "text/plain; charset=UTF-8";

	static final String OCTET_STREAM = "application/octet-stream";

	private final ObjectMapper objectMapper;

	PayloadConverter(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/**
	 * Works out what data is read as for a parameter type, once for all the data it reads.
	 * @param type the parameter's type; a protobuf message type must be a concrete generated class
	 * @return the data type
	 */
	DataType dataType(Type type) {
		JavaType javaType = this.objectMapper.constructType(type);
		Class<?> raw = javaType.getRawClass();
		Message prototype = Message.class.isAssignableFrom(raw)
				? ProtobufMessages.defaultInstance(raw.asSubclass(Message.class)) : null;
		return new DataType(raw, javaType, prototype);
	}

	/**
	 * Reads data as the given type.
	 * @param payload the data and its content type
	 * @param type the parameter's data type
	 * @return the value
	 * @throws PayloadConversionException when the data is not a value of that type
	 */
	Object read(Payload payload, DataType type) {
		if (type.raw() == byte[].class) {
			return payload.data().toByteArray();
		}
		if (type.raw() == String.class) {
			return payload.data().toStringUtf8();
		}
		if (type.prototype() != null) {
			return readMessage(payload, type.prototype());
		}
		try {
			return this.objectMapper.readValue(payload.data().toByteArray(), type.javaType());
		}
		catch (JsonProcessingException ex) {
			throw new PayloadConversionException("not JSON of %s: %s".formatted(type.raw().getSimpleName(),
					ex.getOriginalMessage()), ex);
		}
		catch (IOException ex) {
			throw new PayloadConversionException("unreadable data: " + ex.getMessage(), ex);
		}
	}

	private Message readMessage(Payload payload, Message prototype) {
		Message.Builder builder = prototype.newBuilderForType();
		try {
			if (isJson(payload.contentType())) {
				// Unknown fields are skipped, as the binary format skips them: senders may be newer.
				JsonFormat.parser().ignoringUnknownFields().merge(payload.data().toStringUtf8(), builder);
			}
			else {
				builder.mergeFrom(payload.data());
			}
			return builder.build();
		}
		catch (InvalidProtocolBufferException ex) {
			throw new PayloadConversionException("not a %s message (as %s): %s".formatted(
					builder.getDescriptorForType().getFullName(),
					isJson(payload.contentType()) ? "JSON" : "protobuf binary", ex.getMessage()), ex);
		}
	}

	/**
	 * Writes a handler's result as data.
	 * @param value the result; not a protobuf message, which travels packed in an {@code Any}
	 * @return the data and its content type
	 */
	Payload write(Object value) {
		if (value instanceof byte[] bytes) {
			return new Payload(ByteString.copyFrom(bytes), OCTET_STREAM);
		}
		if (value instanceof CharSequence text) {
			return new Payload(ByteString.copyFrom(text.toString(), StandardCharsets.UTF_8), TEXT);
		}
		try {
			return new Payload(ByteString.copyFrom(this.objectMapper.writeValueAsBytes(value)), JSON);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write %s as JSON".formatted(value.getClass().getName()), ex);
		}
	}

	/**
	 * What a handler's data parameter reads data as.
	 *
	 * @param raw the parameter's class
	 * @param javaType its type for Jackson, generics resolved
	 * @param prototype the default instance of a protobuf message class, whose builder reads data;
	 * {@code null} for other types
	 */
	record DataType(Class<?> raw, JavaType javaType, Message prototype) {

	}

	/**
	 * Whether a content type is JSON ({@code application/json}, or any {@code +json}).
	 * @param contentType the content type, maybe empty
	 * @return whether it is JSON
	 */
	static boolean isJson(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return false;
		}
		try {
			MimeType type = MimeTypeUtils.parseMimeType(contentType);
			return "json".equals(type.getSubtype()) || "json".equals(type.getSubtypeSuffix());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}

package io.github.microservicestarter.callback;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import org.springframework.core.ResolvableType;

/**
 * Reads handler parameters from data and writes handler results to data: protobuf messages from
 * binary or JSON, other objects as JSON with the app's Jackson ({@link JsonPayloads}),
 * {@code String} as UTF-8 and {@code byte[]} as is.
 */
public class PayloadConverter {

	static final String PROTOBUF = "application/x-protobuf";

	static final String JSON = "application/json";

	static final String TEXT = "text/plain; charset=UTF-8";

	static final String OCTET_STREAM = "application/octet-stream";

	private final JsonPayloads json;

	public PayloadConverter(JsonPayloads json) {
		this.json = json;
	}

	/**
	 * Works out what data is read as for a parameter type, once for all the data it reads.
	 * @param type the parameter's type; a protobuf message type must be a concrete generated class
	 * @return the data type
	 */
	DataType dataType(Type type) {
		Class<?> raw = ResolvableType.forType(type).toClass();
		if (Message.class.isAssignableFrom(raw)) {
			return new DataType(raw, null, ProtobufMessages.defaultInstance(raw.asSubclass(Message.class)));
		}
		boolean plain = raw == byte[].class || raw == String.class;
		return new DataType(raw, plain ? null : this.json.readerFor(type), null);
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
			return type.jsonReader().read(payload.data().toByteArray());
		}
		catch (IllegalArgumentException ex) {
			throw new PayloadConversionException("not JSON of %s: %s".formatted(type.raw().getSimpleName(),
					ex.getMessage()), ex);
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
		return new Payload(ByteString.copyFrom(this.json.write(value)), JSON);
	}

	/**
	 * What a handler's data parameter reads data as.
	 *
	 * @param raw the parameter's class
	 * @param jsonReader the reader of JSON data for other types than protobuf messages, text and
	 * bytes; {@code null} for those
	 * @param prototype the default instance of a protobuf message class, whose builder reads data;
	 * {@code null} for other types
	 */
	record DataType(Class<?> raw, JsonPayloads.Reader jsonReader, Message prototype) {

	}

	/**
	 * Whether a content type is JSON ({@code application/json}, or any {@code +json}). Reads only
	 * the media type before any parameters, by hand: the content type is the sender's, and
	 * Spring's MIME type parser fails on some malformed ones with other exceptions than its own.
	 * @param contentType the content type, maybe empty
	 * @return whether it is JSON
	 */
	static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		int parameters = contentType.indexOf(';');
		String mediaType = (parameters < 0) ? contentType : contentType.substring(0, parameters);
		int slash = mediaType.indexOf('/');
		if (slash <= 0) {
			return false;
		}
		String subtype = mediaType.substring(slash + 1).strip().toLowerCase(Locale.ROOT);
		return subtype.equals("json") || subtype.endsWith("+json");
	}

}

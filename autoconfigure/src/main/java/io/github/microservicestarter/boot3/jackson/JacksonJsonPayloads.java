package io.github.microservicestarter.boot3.jackson;

import java.io.IOException;
import java.lang.reflect.Type;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.microservicestarter.callback.JsonPayloads;

/**
 * Dapr handler data as JSON through Jackson 2, Spring Boot 3's Jackson.
 */
public class JacksonJsonPayloads implements JsonPayloads {

	private final ObjectMapper objectMapper;

	/**
	 * Creates the JSON support.
	 * @param objectMapper the app's mapper
	 */
	public JacksonJsonPayloads(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	@Override
	public Reader readerFor(Type type) {
		JavaType javaType = this.objectMapper.constructType(type);
		return (json) -> {
			try {
				return this.objectMapper.readValue(json, javaType);
			}
			catch (JsonProcessingException ex) {
				throw new IllegalArgumentException(ex.getOriginalMessage(), ex);
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("unreadable data: " + ex.getMessage(), ex);
			}
		};
	}

	@Override
	public byte[] write(Object value) {
		try {
			return this.objectMapper.writeValueAsBytes(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write %s as JSON".formatted(value.getClass().getName()), ex);
		}
	}

}

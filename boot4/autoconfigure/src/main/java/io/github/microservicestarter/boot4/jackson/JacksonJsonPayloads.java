package io.github.microservicestarter.boot4.jackson;

import java.lang.reflect.Type;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import io.github.microservicestarter.callback.JsonPayloads;

/**
 * Dapr handler data as JSON through Jackson 3, Spring Boot 4's Jackson.
 */
public class JacksonJsonPayloads implements JsonPayloads {

	private final JsonMapper jsonMapper;

	/**
	 * Creates the JSON support.
	 * @param jsonMapper the app's mapper
	 */
	public JacksonJsonPayloads(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Reader readerFor(Type type) {
		JavaType javaType = this.jsonMapper.constructType(type);
		return (json) -> {
			try {
				return this.jsonMapper.readValue(json, javaType);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException(ex.getOriginalMessage(), ex);
			}
		};
	}

	@Override
	public byte[] write(Object value) {
		try {
			return this.jsonMapper.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("Cannot write %s as JSON".formatted(value.getClass().getName()), ex);
		}
	}

}

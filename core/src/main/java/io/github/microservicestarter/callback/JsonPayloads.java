package io.github.microservicestarter.callback;

import java.lang.reflect.Type;

/**
 * JSON for handler data that is not protobuf, text or bytes, as the app's Jackson reads and writes
 * it. Jackson's major version is Spring Boot's choice (2 on Boot 3, 3 on Boot 4), so each line's
 * autoconfigure module supplies this, over the app's own mapper.
 */
public interface JsonPayloads {

	/**
	 * A reader for values of a type, made once per handler, for all the data it reads.
	 * @param type the handler parameter's type, generics included
	 * @return the reader
	 */
	Reader readerFor(Type type);

	/**
	 * Writes a value as JSON.
	 * @param value a handler's result
	 * @return the JSON
	 * @throws IllegalStateException when the value cannot be written as JSON
	 */
	byte[] write(Object value);

	/**
	 * Reads JSON as values of one type.
	 */
	@FunctionalInterface
	interface Reader {

		/**
		 * Reads a value.
		 * @param json the data
		 * @return the value
		 * @throws IllegalArgumentException when the data is not JSON of the type, with a message that
		 * says why and does not repeat the data
		 */
		Object read(byte[] json);

	}

}

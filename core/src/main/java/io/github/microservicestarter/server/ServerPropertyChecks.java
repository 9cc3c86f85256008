package io.github.microservicestarter.server;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * Checks of {@code microservice.server.*} values, each refusing one that cannot work with an
 * {@link InvalidAppSettingException} that names the property and the fix.
 */
public final class ServerPropertyChecks {

	private static final String PREFIX = "microservice.server.";

	private ServerPropertyChecks() {
	}

	/**
	 * A size in bytes that grpc-java takes.
	 * @param property the property, below microservice.server.
	 * @param size its value
	 * @return the bytes
	 */
	public static int bytes(String property, DataSize size) {
		if (size == null || size.toBytes() < 1 || size.toBytes() > Integer.MAX_VALUE) {
			throw new InvalidAppSettingException(PREFIX + property,
					"%s is not a size the server can read up to: it takes 1B to 2GB.".formatted(size),
					"Set %s%s to a size such as 4MB, or remove it for the default.".formatted(PREFIX, property));
		}
		return (int) size.toBytes();
	}

	/**
	 * A count of 1 or more.
	 * @param property the property, below microservice.server.
	 * @param value its value
	 * @return the value
	 */
	public static int positive(String property, int value) {
		if (value < 1) {
			throw new InvalidAppSettingException(PREFIX + property, value + " would let no call through.",
					"Set %s%s to 1 or more, or remove it for the default.".formatted(PREFIX, property));
		}
		return value;
	}

	/**
	 * A time of 0 or more.
	 * @param property the property, below microservice.server.
	 * @param value its value
	 * @return the value
	 */
	public static Duration notNegative(String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidAppSettingException(PREFIX + property, value + " is not a time the server can wait.",
					"Set %s%s to 0 or more (for example 20s), or remove it for the default.".formatted(PREFIX,
							property));
		}
		return value;
	}

	/**
	 * A positive time, or none.
	 * @param property the property, below microservice.server.
	 * @param value its value, null for none
	 * @return the value
	 */
	public static Duration positiveOrNone(String property, Duration value) {
		if (value != null && (value.isNegative() || value.isZero())) {
			throw new InvalidAppSettingException(PREFIX + property, value + " would close every connection at once.",
					"Set %s%s to a positive time (for example 15m), or leave it empty for none.".formatted(PREFIX,
							property));
		}
		return value;
	}

}

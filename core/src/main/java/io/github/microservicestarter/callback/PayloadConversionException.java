package io.github.microservicestarter.callback;

/**
 * Data that cannot be read as the type a handler takes: a fault of the sender, not the handler.
 */
class PayloadConversionException extends RuntimeException {

	PayloadConversionException(String message, Throwable cause) {
		super(message, cause);
	}

}

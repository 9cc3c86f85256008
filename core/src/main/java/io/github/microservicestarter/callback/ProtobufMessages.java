package io.github.microservicestarter.callback;

import java.lang.reflect.Modifier;

import com.google.protobuf.Message;

import org.springframework.util.ReflectionUtils;

/**
 * Generated protobuf message classes, known only by their {@link Class}.
 */
final class ProtobufMessages {

	private ProtobufMessages() {
	}

	/**
	 * Whether the type is a concrete generated message, one that data can be read as.
	 * @param type a subtype of {@link Message}
	 * @return whether it is concrete
	 */
	static boolean isConcrete(Class<?> type) {
		return !type.isInterface() && !Modifier.isAbstract(type.getModifiers())
				&& ReflectionUtils.findMethod(type, "getDefaultInstance") != null;
	}

	/**
	 * The default instance of a generated message class, whose builder reads data.
	 * @param type the generated class
	 * @return its default instance
	 */
	static Message defaultInstance(Class<? extends Message> type) {
		return (Message) ReflectionUtils.invokeMethod(ReflectionUtils.findMethod(type, "getDefaultInstance"), null);
	}

}

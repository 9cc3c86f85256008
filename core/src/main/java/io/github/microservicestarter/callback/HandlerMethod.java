package io.github.microservicestarter.callback;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.google.protobuf.Message;

import io.github.microservicestarter.callback.PayloadConverter.DataType;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * An annotated bean method and what each of its parameters takes: the data, or the context of the
 * event ({@link CloudEvent} or {@link BindingContext}).
 */
final class HandlerMethod {

	private final Object bean;

	private final Method method;

	private final String description;

	/** For each parameter, the context type it takes, or {@code null} for the data. */
	private final Class<?>[] contexts;

	/** What the data parameter reads data as, or {@code null} when the method takes no data. */
	private final DataType dataType;

	private HandlerMethod(Object bean, Method method, String description, Class<?>[] contexts, DataType dataType) {
		this.bean = bean;
		this.method = method;
		this.description = description;
		this.contexts = contexts;
		this.dataType = dataType;
	}

	/**
	 * Checks a method's parameters and prepares it to be called.
	 * @param bean the bean
	 * @param beanName its name, for messages
	 * @param method the annotated method, as declared on the bean's class
	 * @param contextType the context type the method may take besides the data, or {@code null}
	 * @param converter works out what the data parameter reads data as
	 * @return the handler
	 * @throws InvalidDaprHandlerException when a parameter cannot be filled
	 */
	static HandlerMethod of(Object bean, String beanName, Method method, Class<?> contextType,
			PayloadConverter converter) {
		String description = describe(beanName, method);
		Class<?>[] contexts = new Class<?>[method.getParameterCount()];
		int data = -1;
		for (int i = 0; i < contexts.length; i++) {
			Class<?> type = method.getParameterTypes()[i];
			if (type == CloudEvent.class || type == BindingContext.class) {
				if (type != contextType) {
					throw new InvalidDaprHandlerException(description,
							"it takes a %s, which this kind of handler does not get".formatted(type.getSimpleName()),
							contextType != null ? "Remove that parameter, or take a %s instead."
								.formatted(contextType.getSimpleName()) : "Remove that parameter.");
				}
				contexts[i] = type;
			}
			else {
				if (data >= 0) {
					throw new InvalidDaprHandlerException(description, "two of its parameters would take the data",
							"Keep one parameter for the data" + ((contextType != null)
									? " (and at most one %s).".formatted(contextType.getSimpleName()) : "."));
				}
				if (Message.class.isAssignableFrom(type) && !ProtobufMessages.isConcrete(type)) {
					throw new InvalidDaprHandlerException(description,
							"its data parameter is %s, not a generated message class".formatted(type.getName()),
							"Declare the data parameter as the generated message class the sender sends.");
				}
				data = i;
			}
		}
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		DataType dataType = (data >= 0)
				? converter.dataType(ResolvableType.forMethodParameter(invocable, data).getType()) : null;
		return new HandlerMethod(bean, invocable, description, contexts, dataType);
	}

	private static String describe(String beanName, Method method) {
		String parameters = Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", "));
		return "%s.%s(%s) of bean '%s'".formatted(ClassUtils.getUserClass(method.getDeclaringClass()).getSimpleName(),
				method.getName(), parameters, beanName);
	}

	/**
	 * The method as the user wrote it, for messages.
	 * @return its description
	 */
	String description() {
		return this.description;
	}

	/**
	 * The arguments for one event.
	 * @param data reads the data as the data parameter's type
	 * @param context the event's context, for a parameter that takes it
	 * @return the arguments
	 * @throws PayloadConversionException when the data cannot be read as the parameter's type
	 */
	Object[] arguments(Function<DataType, Object> data, Object context) {
		Object[] arguments = new Object[this.contexts.length];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = (this.contexts[i] != null) ? context : data.apply(this.dataType);
		}
		return arguments;
	}

	/**
	 * Calls the method.
	 * @param arguments its arguments
	 * @return what it returned
	 * @throws Exception what it threw
	 */
	Object invoke(Object[] arguments) throws Exception {
		try {
			return this.method.invoke(this.bean, arguments);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw (Exception) ex.getCause();
		}
	}

}

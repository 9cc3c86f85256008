package io.github.microservicestarter.client;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import io.grpc.Channel;
import io.grpc.ServiceDescriptor;
import io.grpc.stub.AbstractStub;

import org.springframework.util.ReflectionUtils;

/**
 * Creates stubs of grpc-java's generated code the way users do, through the static factories of
 * the service's {@code *Grpc} class (newBlockingStub, newStub, newFutureStub, ...), and reads the
 * service they call.
 */
final class GeneratedStubs {

	private GeneratedStubs() {
	}

	/**
	 * Whether a class is a stub of generated code: nested in a {@code *Grpc} class that describes
	 * the service and has a static factory of the stub taking a {@link Channel}.
	 * @param stubType the class
	 * @return whether it is
	 */
	static boolean isGenerated(Class<?> stubType) {
		Class<?> grpcClass = stubType.getEnclosingClass();
		return grpcClass != null && factory(stubType) != null
				&& ReflectionUtils.findMethod(grpcClass, "getServiceDescriptor") != null;
	}

	/**
	 * Creates a stub on a channel.
	 * @param <S> the stub type
	 * @param stubType a stub class of generated code, as {@link #isGenerated} tells
	 * @param channel the channel it calls through
	 * @return the stub
	 */
	static <S extends AbstractStub<S>> S create(Class<S> stubType, Channel channel) {
		return stubType.cast(ReflectionUtils.invokeMethod(factory(stubType), null, channel));
	}

	/**
	 * The service a stub calls.
	 * @param stubType a stub class of generated code, as {@link #isGenerated} tells
	 * @return the service's descriptor
	 */
	static ServiceDescriptor service(Class<? extends AbstractStub<?>> stubType) {
		Method getServiceDescriptor = ReflectionUtils.findMethod(stubType.getEnclosingClass(), "getServiceDescriptor");
		return (ServiceDescriptor) ReflectionUtils.invokeMethod(getServiceDescriptor, null);
	}

	private static Method factory(Class<?> stubType) {
		for (Method method : stubType.getEnclosingClass().getMethods()) {
			if (Modifier.isStatic(method.getModifiers()) && method.getReturnType() == stubType
					&& method.getParameterCount() == 1 && method.getParameterTypes()[0] == Channel.class) {
				return method;
			}
		}
		return null;
	}

}

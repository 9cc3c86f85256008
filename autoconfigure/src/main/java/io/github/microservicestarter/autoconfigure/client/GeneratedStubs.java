package io.github.microservicestarter.autoconfigure.client;

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
	 * Creates a stub on a channel.
	 * @param <S> the stub type
	 * @param stubType a stub class nested in a generated {@code *Grpc} class
	 * @param channel the channel it calls through
	 * @return the stub
	 */
	static <S extends AbstractStub<S>> S create(Class<S> stubType, Channel channel) {
		Method factory = factory(stubType);
		return stubType.cast(ReflectionUtils.invokeMethod(factory, null, channel));
	}

	/**
	 * The service a stub calls.
	 * @param stubType a stub class nested in a generated {@code *Grpc} class
	 * @return the service's descriptor
	 */
	static ServiceDescriptor service(Class<? extends AbstractStub<?>> stubType) {
		Method getServiceDescriptor = ReflectionUtils.findMethod(grpcClass(stubType), "getServiceDescriptor");
		if (getServiceDescriptor == null) {
			throw notGenerated(stubType);
		}
		return (ServiceDescriptor) ReflectionUtils.invokeMethod(getServiceDescriptor, null);
	}

	private static Method factory(Class<?> stubType) {
		for (Method method : grpcClass(stubType).getMethods()) {
			if (Modifier.isStatic(method.getModifiers()) && method.getReturnType() == stubType
					&& method.getParameterCount() == 1 && method.getParameterTypes()[0] == Channel.class) {
				return method;
			}
		}
		throw notGenerated(stubType);
	}

	private static Class<?> grpcClass(Class<?> stubType) {
		Class<?> grpcClass = stubType.getEnclosingClass();
		if (grpcClass == null) {
			throw notGenerated(stubType);
		}
		return grpcClass;
	}

	private static IllegalArgumentException notGenerated(Class<?> stubType) {
		return new IllegalArgumentException(stubType.getName() + " is not a stub of grpc-java's generated code: its"
				+ " *Grpc class has no static factory taking a Channel. Inject a Channel instead.");
	}

}

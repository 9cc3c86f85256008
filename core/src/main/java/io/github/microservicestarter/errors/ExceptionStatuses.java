package io.github.microservicestarter.errors;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import io.github.microservicestarter.errors.ServerWarnings.Source;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The status a call that failed with an exception ends with: a status exception's own; the one
 * a {@link GrpcExceptionMapping} method of a {@link GrpcExceptionAdvice} bean maps it to; else
 * INTERNAL, with a description that tells the client nothing of the server's inside, and the
 * exception in the log (as a {@link ServerWarnings warning}, so a flood of them makes few lines).
 * The starter ends failed calls with it; a service can ask it too, for a failure it reports inside
 * a stream's messages.
 */
public class ExceptionStatuses {

	/** The description of a call that failed with an exception nothing maps. */
	public static final String INTERNAL_DESCRIPTION = "The server failed to handle the request; its log tells why";

	/** How deep in an exception's causes a mapping is looked for. */
	private static final int MAX_CAUSES = 10;

	private final Map<Class<? extends Throwable>, Mapping> mappings;

	private final ServerWarnings warnings;

	private final Map<Class<?>, Optional<Mapping>> resolved = new ConcurrentHashMap<>();

	/**
	 * Collects the mappings of the advice beans.
	 * @param advice the {@link GrpcExceptionAdvice} beans
	 * @param warnings where unmapped failures are logged
	 * @throws InvalidExceptionAdviceException when a mapping method cannot be called or two map one
	 * type
	 */
	public ExceptionStatuses(List<Object> advice, ServerWarnings warnings) {
		this.warnings = warnings;
		Map<Class<? extends Throwable>, Mapping> mappings = new LinkedHashMap<>();
		for (Object bean : advice) {
			Map<Method, GrpcExceptionMapping> methods = MethodIntrospector.selectMethods(AopUtils.getTargetClass(bean),
					(MethodIntrospector.MetadataLookup<GrpcExceptionMapping>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, GrpcExceptionMapping.class));
			methods.forEach((method, annotation) -> {
				Mapping mapping = Mapping.of(bean, method, annotation);
				for (Class<? extends Throwable> type : mapping.types()) {
					Mapping other = mappings.putIfAbsent(type, mapping);
					if (other != null) {
						throw new InvalidExceptionAdviceException(mapping.name(),
								"%s is mapped by %s already.".formatted(type.getName(), other.name()),
								"Map each exception type in one @GrpcExceptionMapping method: remove it from one of"
										+ " them.");
					}
				}
			});
		}
		this.mappings = Collections.unmodifiableMap(mappings);
	}

	/**
	 * The status a call that failed with an exception ends with, logging a failure that nothing
	 * maps.
	 * @param failure why the call failed
	 * @return the status, with the trailers to send (details among them)
	 */
	public StatusRuntimeException statusOf(Throwable failure) {
		return statusOf(failure, "A gRPC call");
	}

	/**
	 * As {@link #statusOf(Throwable)}, naming the failed call in the log.
	 * @param failure why the call failed
	 * @param call the call, such as its full method name, for the log
	 * @return the status, with its trailers
	 */
	StatusRuntimeException statusOf(Throwable failure, String call) {
		StatusRuntimeException mapped = mapped(failure);
		if (mapped != null) {
			return mapped;
		}
		this.warnings.warn(Source.CALL, call + " failed with an exception no @GrpcExceptionMapping maps", failure);
		return Status.INTERNAL.withDescription(INTERNAL_DESCRIPTION).asRuntimeException();
	}

	/**
	 * The status of a status exception, with its trailers, or the one an advice maps the failure
	 * to; for the server library's own exception handling, which runs before the starter's.
	 * @param failure why the call failed
	 * @return the status, or null when nothing maps the failure
	 */
	public StatusRuntimeException mapped(Throwable failure) {
		if (failure instanceof StatusRuntimeException status) {
			return status;
		}
		if (failure instanceof StatusException status) {
			return status.getStatus().asRuntimeException(status.getTrailers());
		}
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_CAUSES && seen.add(current); depth++) {
			Optional<Mapping> mapping = this.resolved.computeIfAbsent(current.getClass(), this::closest);
			if (mapping.isPresent()) {
				return mapping.get().apply(current, this);
			}
			current = current.getCause();
		}
		return null;
	}

	/** The mapping of the closest mapped superclass of a type. */
	private Optional<Mapping> closest(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			Mapping mapping = this.mappings.get(candidate);
			if (mapping != null) {
				return Optional.of(mapping);
			}
		}
		return Optional.empty();
	}

	/**
	 * An advice method and the types it maps.
	 */
	private record Mapping(Object bean, Method method, List<Class<? extends Throwable>> types) {

		@SuppressWarnings("unchecked")
		static Mapping of(Object bean, Method method, GrpcExceptionMapping annotation) {
			String name = name(method);
			Class<?>[] parameters = method.getParameterTypes();
			if (parameters.length != 1 || !Throwable.class.isAssignableFrom(parameters[0])) {
				throw new InvalidExceptionAdviceException(name, "it takes %d parameters; it must take the exception"
					.formatted(parameters.length) + " alone.",
						"Declare one parameter, of the exception type it maps or a supertype of the types it names.");
			}
			List<Class<? extends Throwable>> types = new ArrayList<>(List.of(annotation.value()));
			if (types.isEmpty()) {
				types.add((Class<? extends Throwable>) parameters[0]);
			}
			for (Class<? extends Throwable> type : types) {
				if (!parameters[0].isAssignableFrom(type)) {
					throw new InvalidExceptionAdviceException(name, "it maps %s, which its parameter of type %s cannot"
						.formatted(type.getName(), parameters[0].getName()) + " take.",
							"Declare the parameter as a supertype of every type the annotation names.");
				}
			}
			Class<?> result = method.getReturnType();
			if (result != Status.class && result != StatusRuntimeException.class && result != StatusException.class
					&& result != com.google.rpc.Status.class) {
				throw new InvalidExceptionAdviceException(name, "it returns %s, which is not a status."
					.formatted(result.getName()),
						"Return io.grpc.Status, StatusRuntimeException, StatusException, or com.google.rpc.Status for"
								+ " a status with details.");
			}
			ReflectionUtils.makeAccessible(method);
			return new Mapping(bean, method, List.copyOf(types));
		}

		String name() {
			return name(this.method);
		}

		private static String name(Method method) {
			return method.getDeclaringClass().getName() + "." + method.getName();
		}

		StatusRuntimeException apply(Throwable failure, ExceptionStatuses statuses) {
			Object result;
			try {
				result = this.method.invoke(this.bean, failure);
			}
			catch (InvocationTargetException ex) {
				statuses.warnings.warn(Source.CALL, name() + " failed mapping an exception", ex.getCause());
				return Status.INTERNAL.withDescription(INTERNAL_DESCRIPTION).asRuntimeException();
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
			if (result instanceof Status status) {
				return status.asRuntimeException();
			}
			if (result instanceof StatusRuntimeException status) {
				return status;
			}
			if (result instanceof StatusException status) {
				return status.getStatus().asRuntimeException(status.getTrailers());
			}
			if (result instanceof com.google.rpc.Status status) {
				return StatusProto.toStatusRuntimeException(status);
			}
			statuses.warnings.warn(Source.CALL, name() + " returned no status", failure);
			return Status.INTERNAL.withDescription(INTERNAL_DESCRIPTION).asRuntimeException(new Metadata());
		}

	}

}

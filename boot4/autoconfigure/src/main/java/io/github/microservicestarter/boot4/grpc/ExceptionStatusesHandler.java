package io.github.microservicestarter.boot4.grpc;

import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

import io.github.microservicestarter.errors.ExceptionStatuses;

import org.springframework.core.Ordered;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/**
 * Spring gRPC's exception handling, which catches a service's exceptions before the starter's
 * interceptors see them, answering as the core's {@link ExceptionStatuses} do: a status exception
 * keeps its trailers (Spring gRPC's fallback drops them, details and all) and the
 * {@code @GrpcExceptionAdvice} beans map the rest. It comes after the app's own handlers; what
 * nothing maps, Spring gRPC ends as UNKNOWN with the exception as cause, which the core turns into
 * INTERNAL.
 */
public class ExceptionStatusesHandler implements GrpcExceptionHandler, Ordered {

	private final ExceptionStatuses statuses;

	/**
	 * Creates the handler.
	 * @param statuses the statuses of exceptions
	 */
	public ExceptionStatusesHandler(ExceptionStatuses statuses) {
		this.statuses = statuses;
	}

	@Override
	public StatusException handleException(Throwable exception) {
		StatusRuntimeException mapped = this.statuses.mapped(exception);
		return (mapped != null) ? new StatusException(mapped.getStatus(), mapped.getTrailers()) : null;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

package io.github.microservicestarter.demo.user.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;

import io.github.microservicestarter.errors.GrpcExceptionAdvice;
import io.github.microservicestarter.errors.GrpcExceptionMapping;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The database being out of reach is UNAVAILABLE, which a client may retry (after a second, it is
 * told), not INTERNAL: a call fails so while PostgreSQL restarts or fails over, and succeeds again
 * once it is back.
 */
@GrpcExceptionAdvice
class DatabaseErrors {

	private static final Status UNAVAILABLE = Status.newBuilder()
		.setCode(Code.UNAVAILABLE_VALUE)
		.setMessage("The database is unavailable; retry later")
		.addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder().setSeconds(1)).build()))
		.build();

	@GrpcExceptionMapping({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessResourceException.class, QueryTimeoutException.class })
	Status unavailable(RuntimeException ex) {
		return UNAVAILABLE;
	}

}

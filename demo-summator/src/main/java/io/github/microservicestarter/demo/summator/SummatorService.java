package io.github.microservicestarter.demo.summator;

import io.grpc.stub.StreamObserver;

import org.springframework.stereotype.Service;

/**
 * The tutorial's Summator: the sum of two floats.
 */
@Service
public class SummatorService extends SummatorGrpc.SummatorImplBase {

	@Override
	public void sum(Number1 request, StreamObserver<Number2> responseObserver) {
		responseObserver.onNext(Number2.newBuilder().setValue(request.getValue1() + request.getValue2()).build());
		responseObserver.onCompleted();
	}

}

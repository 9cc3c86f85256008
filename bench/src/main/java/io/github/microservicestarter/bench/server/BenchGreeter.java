package io.github.microservicestarter.bench.server;

import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

import io.github.microservicestarter.demo.helloworld.GreeterGrpc;
import io.github.microservicestarter.demo.helloworld.HelloReply;
import io.github.microservicestarter.demo.helloworld.HelloRequest;

/**
 * The one Greeter handler both servers run: the starter app finds it as a {@code @GrpcService},
 * the plain server creates it with {@code new}.
 */
@GrpcService
public class BenchGreeter extends GreeterGrpc.GreeterImplBase {

	@Override
	public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
		responseObserver.onNext(HelloReply.newBuilder().setMessage("Hello " + request.getName()).build());
		responseObserver.onCompleted();
	}

}

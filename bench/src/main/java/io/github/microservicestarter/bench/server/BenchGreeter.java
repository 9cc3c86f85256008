package io.github.microservicestarter.bench.server;

import io.grpc.stub.StreamObserver;

import io.github.microservicestarter.demo.helloworld.GreeterGrpc;
import io.github.microservicestarter.demo.helloworld.HelloReply;
import io.github.microservicestarter.demo.helloworld.HelloRequest;

import org.springframework.stereotype.Service;

/**
 * The one Greeter handler both servers run: the starter app serves it as a {@code BindableService}
 * bean (a {@code @Service}, not net.devh's {@code @GrpcService}, so the same class builds on both
 * Spring Boot lines; the Boot 3.5 starter serves either the same way), the plain server creates it
 * with {@code new}.
 */
@Service
public class BenchGreeter extends GreeterGrpc.GreeterImplBase {

	@Override
	public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
		responseObserver.onNext(HelloReply.newBuilder().setMessage("Hello " + request.getName()).build());
		responseObserver.onCompleted();
	}

}

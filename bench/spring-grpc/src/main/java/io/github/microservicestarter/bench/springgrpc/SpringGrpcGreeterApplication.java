package io.github.microservicestarter.bench.springgrpc;

import io.grpc.stub.StreamObserver;

import io.github.microservicestarter.demo.helloworld.GreeterGrpc;
import io.github.microservicestarter.demo.helloworld.HelloReply;
import io.github.microservicestarter.demo.helloworld.HelloRequest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

/**
 * What a user would write instead of using the starter: Spring Boot 4.1's own gRPC server and
 * actuator, one Greeter answering as the benchmark's does. bench/run times it from launch to its
 * first SayHello ({@code --spring.grpc.server.port} sets the port).
 */
@SpringBootApplication
public class SpringGrpcGreeterApplication {

	public static void main(String[] args) {
		SpringApplication.run(SpringGrpcGreeterApplication.class, args);
	}

	@Service
	static class Greeter extends GreeterGrpc.GreeterImplBase {

		@Override
		public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
			responseObserver.onNext(HelloReply.newBuilder().setMessage("Hello " + request.getName()).build());
			responseObserver.onCompleted();
		}

	}

}

package com.example.greeting;

import io.github.microservicestarter.client.SidecarClient;
import io.grpc.stub.StreamObserver;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

@Service
public class GreetingService extends GreetingGrpc.GreetingImplBase {

	private final String appId;

	private final GreetingGrpc.GreetingBlockingStub peer;

	public GreetingService(@Value("${spring.application.name}") String appId,
			@SidecarClient("peer") GreetingGrpc.GreetingBlockingStub peer) {
		this.appId = appId;
		this.peer = peer;
	}

	@Override
	public void greet(GreetRequest request, StreamObserver<GreetReply> responseObserver) {
		String message = "Hello " + request.getName() + ", from " + this.appId;
		responseObserver.onNext(GreetReply.newBuilder().setMessage(message).build());
		responseObserver.onCompleted();
	}

	@Override
	public void greetThroughPeer(GreetRequest request, StreamObserver<GreetReply> responseObserver) {
		responseObserver.onNext(this.peer.greet(request));
		responseObserver.onCompleted();
	}

}

package io.github.microservicestarter.demo.summator;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.Message;
import io.github.microservicestarter.demo.helloworld.GreeterGrpc;
import io.github.microservicestarter.demo.helloworld.HelloReply;
import io.github.microservicestarter.demo.helloworld.HelloRequest;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Summator and Greeter services over a real socket, called as the tutorials' clients call them.
 */
class SummatorAndGreeterTests extends SummatorClientTests {

	@Test
	void fivePlusThreeIsEight() {
		assertThat(sum(5, 3)).isEqualTo(8f);
	}

	@Test
	void negativeNumbersAddWithTheirSign() {
		assertThat(sum(-2.5f, 1)).isEqualTo(-1.5f);
		assertThat(sum(-5, -3)).isEqualTo(-8f);
	}

	@Test
	void sumsAreSinglePrecisionFloatsAsInTheTutorialsProto() {
		// In double precision 16777216 + 1 is 16777217 and 0.1 + 0.2 is 0.30000000000000004.
		assertThat(sum(16777216f, 1f)).isEqualTo(16777216f);
		assertThat(sum(0.1f, 0.2f)).isEqualTo(0.3f);
	}

	@Test
	void greeterSaysHelloWithTheName() {
		HelloReply reply = GreeterGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.sayHello(HelloRequest.newBuilder().setName("Ada").build());
		assertThat(reply.getMessage()).isEqualTo("Hello Ada");
	}

	@Test
	void sumAnswersAtTheTutorialsWireNameSlashSummatorSlashSum() {
		Number2 reply = callByWireName("Summator/sum", Number1.newBuilder().setValue1(5).setValue2(3).build(),
				Number2.getDefaultInstance());
		assertThat(reply.getValue()).isEqualTo(8f);
	}

	@Test
	void sayHelloAnswersAtGrpcJavasWireNameHelloworldGreeter() {
		HelloReply reply = callByWireName("helloworld.Greeter/SayHello", HelloRequest.newBuilder().setName("Ada").build(),
				HelloReply.getDefaultInstance());
		assertThat(reply.getMessage()).isEqualTo("Hello Ada");
	}

	private float sum(float value1, float value2) {
		return SummatorGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.sum(Number1.newBuilder().setValue1(value1).setValue2(value2).build())
			.getValue();
	}

	/**
	 * Calls a method by the name a client in any language puts on the wire, not through the stubs
	 * generated here, whose names would follow any change to the protos.
	 */
	private <Q extends Message, R extends Message> R callByWireName(String fullMethodName, Q request,
			R responseType) {
		MethodDescriptor<Q, R> method = MethodDescriptor.<Q, R>newBuilder()
			.setType(MethodType.UNARY)
			.setFullMethodName(fullMethodName)
			.setRequestMarshaller(ProtoUtils.marshaller(request))
			.setResponseMarshaller(ProtoUtils.marshaller(responseType))
			.build();
		return ClientCalls.blockingUnaryCall(this.channel, method,
				CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
	}

}

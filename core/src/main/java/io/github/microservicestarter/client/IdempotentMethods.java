package io.github.microservicestarter.client;

import java.util.List;

import com.google.protobuf.DescriptorProtos.MethodOptions.IdempotencyLevel;
import com.google.protobuf.Descriptors;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;

/**
 * The methods a service's proto declares safe to retry: {@code option idempotency_level} is
 * IDEMPOTENT or NO_SIDE_EFFECTS.
 */
final class IdempotentMethods {

	private IdempotentMethods() {
	}

	/**
	 * Lists the methods of a service declared idempotent by its proto.
	 * @param service the service, as generated code describes it
	 * @return their full method names (package.Service/Method); none for a service without a proto
	 */
	static List<String> declaredBy(ServiceDescriptor service) {
		if (!(service.getSchemaDescriptor() instanceof ProtoServiceDescriptorSupplier proto)) {
			return List.of();
		}
		Descriptors.ServiceDescriptor descriptor = proto.getServiceDescriptor();
		return descriptor.getMethods()
			.stream()
			.filter((method) -> method.getOptions().getIdempotencyLevel() != IdempotencyLevel.IDEMPOTENCY_UNKNOWN)
			.map((method) -> descriptor.getFullName() + "/" + method.getName())
			.toList();
	}

}

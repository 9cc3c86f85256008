package io.github.microservicestarter.runtime;

/**
 * A grpc-java jar on the classpath.
 *
 * @param module the module its manifest names ({@code io.grpc} for grpc-api,
 * {@code io.grpc.internal} for grpc-core, ...)
 * @param version the grpc-java version its manifest names
 * @param file the jar's file name, as the app's build and its runnable jar show it
 */
public record GrpcJar(String module, String version, String file) {

	@Override
	public String toString() {
		return "%s (%s %s)".formatted(this.file, this.module, this.version);
	}

}

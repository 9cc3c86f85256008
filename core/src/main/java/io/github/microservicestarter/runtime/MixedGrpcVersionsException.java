package io.github.microservicestarter.runtime;

import java.util.List;

/**
 * The class path holds grpc-java jars of more than one version, which fail at the first class one
 * of them expects from another ({@code NoClassDefFoundError: io/grpc/MetricRecorder} when the
 * server starts). Reported by {@link MixedGrpcVersionsFailureAnalyzer}.
 */
public class MixedGrpcVersionsException extends RuntimeException {

	private final List<GrpcJar> jars;

	/**
	 * Creates the exception.
	 * @param jars every grpc-java jar found, of at least two versions
	 */
	public MixedGrpcVersionsException(List<GrpcJar> jars) {
		super("grpc-java jars of more than one version on the class path: " + jars);
		this.jars = List.copyOf(jars);
	}

	/**
	 * The grpc-java jars on the class path.
	 * @return every one found, in class path order
	 */
	public List<GrpcJar> getJars() {
		return this.jars;
	}

}

package io.github.microservicestarter.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link MixedGrpcVersionsException} as the jars to align and how, without a stack trace.
 */
public class MixedGrpcVersionsFailureAnalyzer extends AbstractFailureAnalyzer<MixedGrpcVersionsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MixedGrpcVersionsException cause) {
		Map<String, List<String>> filesByVersion = cause.getJars()
			.stream()
			.collect(Collectors.groupingBy(GrpcJar::version, LinkedHashMap::new,
					Collectors.mapping(GrpcJar::file, Collectors.toList())));
		String versions = filesByVersion.entrySet()
			.stream()
			.map((entry) -> "    %s: %s".formatted(entry.getKey(), String.join(", ", entry.getValue())))
			.collect(Collectors.joining("\n"));
		String description = """
				The class path holds grpc-java jars of %d versions, which cannot run together:
				%s""".formatted(filesByVersion.size(), versions);
		String action = """
				Give every io.grpc artifact one version. Import microservice-bom in your build's dependencyManagement,
				before other BOMs, and remove the version from any io.grpc dependency you declare:

				    <dependency>
				      <groupId>io.github.microservicestarter</groupId>
				      <artifactId>microservice-bom</artifactId>
				      <version>%s</version>
				      <type>pom</type>
				      <scope>import</scope>
				    </dependency>

				`mvn dependency:tree -Dincludes=io.grpc` shows which dependency brings each version.""".formatted(starterVersion());
		return new FailureAnalysis(description, action, cause);
	}

	private static String starterVersion() {
		String version = MixedGrpcVersionsFailureAnalyzer.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "the starter's version";
	}

}

package io.github.microservicestarter.runtime;

import java.util.List;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops the app before its context starts when its grpc-java jars are of more than one version,
 * which would otherwise fail later and obscurely, inside the server's transport. Runs once per
 * application context, from {@code META-INF/spring.factories}.
 */
public class GrpcVersionCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ClassLoader classLoader = (context.getClassLoader() != null) ? context.getClassLoader()
				: GrpcVersionCheck.class.getClassLoader();
		check(GrpcJars.find(classLoader));
	}

	/**
	 * Checks that the jars are of one version.
	 * @param jars the grpc-java jars found
	 * @throws MixedGrpcVersionsException when they are not
	 */
	static void check(List<GrpcJar> jars) {
		if (jars.stream().map(GrpcJar::version).distinct().count() > 1) {
			throw new MixedGrpcVersionsException(jars);
		}
	}

}

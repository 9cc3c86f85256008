package io.github.microservicestarter.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Finds the grpc-java jars on a class path by their manifests: every grpc-java jar names its
 * module ({@code Automatic-Module-Name: io.grpc...}) and its version
 * ({@code Implementation-Version}), in a plain class path and in a Spring Boot runnable jar alike.
 */
public final class GrpcJars {

	private static final Attributes.Name MODULE = new Attributes.Name("Automatic-Module-Name");

	private GrpcJars() {
	}

	/**
	 * The grpc-java jars the class loader sees.
	 * @param classLoader the app's class loader
	 * @return the jars, in class path order
	 */
	public static List<GrpcJar> find(ClassLoader classLoader) {
		List<GrpcJar> jars = new ArrayList<>();
		try {
			for (URL manifest : Collections.list(classLoader.getResources("META-INF/MANIFEST.MF"))) {
				Attributes attributes = read(manifest).getMainAttributes();
				String module = attributes.getValue(MODULE);
				String version = attributes.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
				if (module != null && version != null && (module.equals("io.grpc") || module.startsWith("io.grpc."))) {
					jars.add(new GrpcJar(module, version, fileName(manifest.toString())));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the class path's manifests", ex);
		}
		return jars;
	}

	private static Manifest read(URL manifest) throws IOException {
		try (InputStream in = manifest.openStream()) {
			return new Manifest(in);
		}
	}

	/**
	 * The jar's own name from a manifest's URL: {@code jar:file:/m2/.../grpc-api-1.63.0.jar!/META-INF/...}
	 * or {@code jar:nested:/app.jar/!BOOT-INF/lib/grpc-api-1.63.0.jar!/META-INF/...}.
	 */
	static String fileName(String url) {
		int end = url.lastIndexOf("!/");
		String jar = (end < 0) ? url : url.substring(0, end);
		return jar.substring(jar.lastIndexOf('/') + 1);
	}

}

package io.github.microservicestarter.runtime;

import java.util.Set;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps out auto-configurations of the gRPC server library whose work the starter does itself.
 * Each Spring Boot line's autoconfigure module names them, in a subclass registered in
 * {@code META-INF/spring.factories}.
 * <p>
 * A filter rather than beans they are conditional on or properties that turn them off: the app
 * must keep those beans, and could set those properties back, and then, for instance, count every
 * call twice.
 */
public abstract class ExcludedAutoConfigurations implements AutoConfigurationImportFilter {

	private final Set<String> excluded;

	/**
	 * Creates the filter.
	 * @param excluded the class names of the auto-configurations to keep out
	 */
	protected ExcludedAutoConfigurations(Set<String> excluded) {
		this.excluded = excluded;
	}

	/**
	 * The auto-configurations this filter keeps out.
	 * @return their class names
	 */
	public Set<String> excluded() {
		return this.excluded;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			// Null marks a candidate an earlier filter already took out.
			String candidate = autoConfigurationClasses[i];
			matches[i] = candidate == null || !this.excluded.contains(candidate);
		}
		return matches;
	}

}

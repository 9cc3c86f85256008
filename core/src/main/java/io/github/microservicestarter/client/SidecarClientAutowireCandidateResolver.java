package io.github.microservicestarter.client;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanDefinitionHolder;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.AutowireCandidateResolver;
import org.springframework.core.MethodParameter;

/**
 * Resolves {@link SidecarClient} injection points, the way {@code @Value} ones are resolved: as a
 * suggested value, here the channel or stub of the annotation's app id. Every other dependency
 * goes to the resolver it wraps.
 */
class SidecarClientAutowireCandidateResolver implements AutowireCandidateResolver, BeanFactoryAware {

	private final AutowireCandidateResolver delegate;

	private BeanFactory beanFactory;

	SidecarClientAutowireCandidateResolver(AutowireCandidateResolver delegate) {
		this.delegate = delegate;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
		if (this.delegate instanceof BeanFactoryAware aware) {
			aware.setBeanFactory(beanFactory);
		}
	}

	@Override
	public Object getSuggestedValue(DependencyDescriptor descriptor) {
		for (Annotation annotation : descriptor.getAnnotations()) {
			if (annotation instanceof SidecarClient client) {
				return this.beanFactory.getBean(SidecarChannels.class)
					.client(client.value(), descriptor.getDependencyType(), injectionPoint(descriptor));
			}
		}
		return this.delegate.getSuggestedValue(descriptor);
	}

	/** The field or parameter, as the user wrote it: "field 'users' of com.example.Greeter". */
	private static String injectionPoint(DependencyDescriptor descriptor) {
		Field field = descriptor.getField();
		if (field != null) {
			return "field '%s' of %s".formatted(field.getName(), field.getDeclaringClass().getName());
		}
		MethodParameter parameter = descriptor.getMethodParameter();
		Executable executable = parameter.getExecutable();
		String owner = (executable instanceof Constructor) ? "the constructor"
				: "method '%s'".formatted(executable.getName());
		return "parameter %d of %s of %s".formatted(parameter.getParameterIndex(), owner,
				executable.getDeclaringClass().getName());
	}

	@Override
	public boolean isAutowireCandidate(BeanDefinitionHolder bdHolder, DependencyDescriptor descriptor) {
		return this.delegate.isAutowireCandidate(bdHolder, descriptor);
	}

	@Override
	public boolean isRequired(DependencyDescriptor descriptor) {
		return this.delegate.isRequired(descriptor);
	}

	@Override
	public boolean hasQualifier(DependencyDescriptor descriptor) {
		return this.delegate.hasQualifier(descriptor);
	}

	@Override
	public String getSuggestedName(DependencyDescriptor descriptor) {
		return this.delegate.getSuggestedName(descriptor);
	}

	@Override
	public Object getLazyResolutionProxyIfNecessary(DependencyDescriptor descriptor, String beanName) {
		return this.delegate.getLazyResolutionProxyIfNecessary(descriptor, beanName);
	}

	@Override
	public Class<?> getLazyResolutionProxyClass(DependencyDescriptor descriptor, String beanName) {
		return this.delegate.getLazyResolutionProxyClass(descriptor, beanName);
	}

	@Override
	public AutowireCandidateResolver cloneIfNecessary() {
		return new SidecarClientAutowireCandidateResolver(this.delegate.cloneIfNecessary());
	}

}

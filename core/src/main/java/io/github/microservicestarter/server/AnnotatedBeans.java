package io.github.microservicestarter.server;

import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Beans of a type marked with an annotation, such as the {@link GlobalServerInterceptor} beans.
 */
public final class AnnotatedBeans {

	private AnnotatedBeans() {
	}

	/**
	 * The beans of a type whose class or {@code @Bean} method carries an annotation, ordered as
	 * Spring orders beans: by {@code @Order} or {@code Ordered}; the first runs first.
	 * @param <T> the beans' type
	 * @param beanFactory the app's beans
	 * @param type the beans' type
	 * @param annotation the annotation
	 * @return the beans
	 */
	public static <T> List<T> ordered(ListableBeanFactory beanFactory, Class<T> type,
			Class<? extends Annotation> annotation) {
		Set<T> marked = Collections.newSetFromMap(new IdentityHashMap<>());
		for (String name : beanFactory.getBeanNamesForAnnotation(annotation)) {
			marked.add(beanFactory.getBean(name, type));
		}
		return beanFactory.getBeanProvider(type).orderedStream().filter(marked::contains).toList();
	}

}

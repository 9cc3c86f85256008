package io.github.microservicestarter.instrumentation;

import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps the app's OpenTelemetry {@link Sampler} bean in a {@link CallSampler} before the tracer is
 * made from it.
 */
public class CallSamplerPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Sampler sampler && !(bean instanceof CallSampler)) {
			return new CallSampler(sampler);
		}
		return bean;
	}

}

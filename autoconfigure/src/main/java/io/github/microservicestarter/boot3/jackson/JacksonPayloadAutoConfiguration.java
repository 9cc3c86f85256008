package io.github.microservicestarter.boot3.jackson;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.microservicestarter.callback.CallbackAutoConfiguration;
import io.github.microservicestarter.callback.JsonPayloads;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * JSON for Dapr handler data with the app's Jackson 2 {@link ObjectMapper}, or a plain one.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class, before = CallbackAutoConfiguration.class)
@ConditionalOnClass(ObjectMapper.class)
public class JacksonPayloadAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JsonPayloads daprJsonPayloads(ObjectProvider<ObjectMapper> objectMapper) {
		return new JacksonJsonPayloads(objectMapper.getIfAvailable(ObjectMapper::new));
	}

}

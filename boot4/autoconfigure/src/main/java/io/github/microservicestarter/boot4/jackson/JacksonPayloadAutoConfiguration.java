package io.github.microservicestarter.boot4.jackson;

import tools.jackson.databind.json.JsonMapper;

import io.github.microservicestarter.callback.CallbackAutoConfiguration;
import io.github.microservicestarter.callback.JsonPayloads;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * JSON for Dapr handler data with the app's Jackson 3 {@link JsonMapper}, or a plain one.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class, before = CallbackAutoConfiguration.class)
@ConditionalOnClass(JsonMapper.class)
public class JacksonPayloadAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JsonPayloads daprJsonPayloads(ObjectProvider<JsonMapper> jsonMapper) {
		return new JacksonJsonPayloads(jsonMapper.getIfAvailable(JsonMapper::new));
	}

}

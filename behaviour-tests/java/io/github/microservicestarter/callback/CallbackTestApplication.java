package io.github.microservicestarter.callback;

import io.github.microservicestarter.test.SwitchableHealthIndicator;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * An app with Dapr handlers and a health indicator the tests switch, configured as a real app is.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ RecordingHandlers.class, SwitchableHealthIndicator.class })
class CallbackTestApplication {

}

package com.example.greeting;

import io.github.microservicestarter.callback.DaprTopicHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

@Component
public class GreetingEvents {

	private static final Log logger = LogFactory.getLog(GreetingEvents.class);

	@DaprTopicHandler(pubsub = "pubsub", topic = "greetings")
	public void greeted(GreetRequest request) {
		logger.info("Someone greeted " + request.getName());
	}

}

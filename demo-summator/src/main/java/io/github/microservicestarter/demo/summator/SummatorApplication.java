package io.github.microservicestarter.demo.summator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Serves the Summator and Greeter services.
 */
@SpringBootApplication
public class SummatorApplication {

	public static void main(String[] args) {
		SpringApplication.run(SummatorApplication.class, args);
	}

}

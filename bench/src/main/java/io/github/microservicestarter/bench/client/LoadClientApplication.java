package io.github.microservicestarter.bench.client;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Java load client, for what h2load cannot drive: calls through the sidecar client. It is a
 * starter app itself, so the raw stub and the sidecar client are measured in the same kind of JVM.
 * Runs {@link UnaryLoadRunner} once and exits with its exit code.
 */
@SpringBootApplication
public class LoadClientApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(LoadClientApplication.class, args)));
	}

}

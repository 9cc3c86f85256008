package io.github.microservicestarter.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.microservicestarter.server.InvalidAppSettingException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client settings that cannot work fail the start naming the property, rather than the first call
 * to a target, whose connection is built then.
 */
class InvalidClientSettingsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			microservice.client.retry.max-attempts=0        | microservice.client.retry.max-attempts        | 0 attempts cannot make a call: the first attempt counts.
			microservice.client.retry.initial-backoff=0     | microservice.client.retry.initial-backoff     | 0ms is not a duration above zero.
			microservice.client.retry.max-backoff=0         | microservice.client.retry.max-backoff         | 0ms is not a duration above zero.
			microservice.client.retry.backoff-multiplier=0  | microservice.client.retry.backoff-multiplier  | 0.0 is not a growth factor of the delays: it must be above zero.
			microservice.client.retry.backoff-multiplier=-2 | microservice.client.retry.backoff-multiplier  | -2.0 is not a growth factor of the delays: it must be above zero.
			microservice.client.deadline=-1s                | microservice.client.deadline                  | -1000ms is not a duration above zero.
			microservice.clients.users.deadline=0           | microservice.clients.users.deadline           | 0ms is not a duration above zero.
			microservice.client.keepalive.time=0            | microservice.client.keepalive.time            | 0ms is not a duration above zero.
			""")
	void settingThatCannotWorkFailsTheStartNamingTheProperty(String setting, String property, String problem) {
		SidecarClientRunner.withEnvironment()
			.withPropertyValues("microservice.clients.users.address=static://10.0.0.1:50051", setting)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidAppSettingException.class, (ex) -> {
					assertThat(ex.getSetting()).isEqualTo(property);
					assertThat(ex.getMessage()).isEqualTo(problem);
					assertThat(ex.getAction()).startsWith("Set " + property);
				}));
	}

}

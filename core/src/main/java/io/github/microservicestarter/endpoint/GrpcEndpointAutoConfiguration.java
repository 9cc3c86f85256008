package io.github.microservicestarter.endpoint;

import io.github.microservicestarter.client.SidecarClientAutoConfiguration;
import io.github.microservicestarter.server.AppServerSettings;
import io.github.microservicestarter.server.ServedServices;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code /actuator/grpc} endpoint, where it is exposed. The {@link ServedServices} come from
 * the Spring Boot line's autoconfigure module, which orders itself before this.
 */
@AutoConfiguration(after = SidecarClientAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(GrpcEndpoint.class)
public class GrpcEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ AppServerSettings.class, ServedServices.class })
	GrpcEndpoint grpcEndpoint(AppServerSettings settings, ServedServices services, Environment environment,
			ObjectProvider<GrpcEndpointContributor> contributors) {
		return new GrpcEndpoint(settings, services, environment, contributors.orderedStream().toList());
	}

}

package io.github.microservicestarter.boot3.netdevh;

import net.devh.boot.grpc.server.config.GrpcServerProperties;

import io.github.microservicestarter.server.AppServerEvents;
import io.github.microservicestarter.server.AppServerProperties;
import io.github.microservicestarter.server.AppServerSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Writes the resolved {@link AppServerSettings} into net.devh's {@link GrpcServerProperties} once
 * they are bound, so the port and grace period follow {@code microservice.*} (the grace period with
 * the time to end the calls that outlast it, see {@link AppServerEvents}).
 */
public class GrpcServerPropertiesBinder implements BeanPostProcessor {

	private final ObjectProvider<AppServerSettings> settings;

	private final ObjectProvider<AppServerProperties> serverProperties;

	public GrpcServerPropertiesBinder(ObjectProvider<AppServerSettings> settings,
			ObjectProvider<AppServerProperties> serverProperties) {
		this.settings = settings;
		this.serverProperties = serverProperties;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof GrpcServerProperties properties) {
			apply(this.settings.getObject(), this.serverProperties.getObject(), properties);
		}
		return bean;
	}

	static void apply(AppServerSettings settings, AppServerProperties server, GrpcServerProperties properties) {
		properties.setPort(settings.port());
		properties.setShutdownGracePeriod(AppServerEvents.libraryGracePeriod(server.getShutdownGracePeriod()));
		// TLS is the ServerTls bean's, which NetDevhServerAutoConfiguration hands the server builder.
		properties.getSecurity().setEnabled(false);
	}

}

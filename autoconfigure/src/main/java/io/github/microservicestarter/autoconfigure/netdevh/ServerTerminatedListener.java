package io.github.microservicestarter.autoconfigure.netdevh;

import java.util.concurrent.TimeUnit;

import net.devh.boot.grpc.server.event.GrpcServerTerminatedEvent;

import org.springframework.context.ApplicationListener;

/**
 * Waits, briefly, for a server that net.devh forced to stop after the grace period to let go of
 * its calls. gRPC tells the calls it cancels on the server's executor; without this wait the
 * context shuts that executor down first, and handlers never learn that their call is cancelled.
 */
class ServerTerminatedListener implements ApplicationListener<GrpcServerTerminatedEvent> {

	/** Closing sockets and cancelling calls takes milliseconds: this only bounds a stuck transport. */
	private static final long TERMINATION_TIMEOUT_SECONDS = 5;

	@Override
	public void onApplicationEvent(GrpcServerTerminatedEvent event) {
		try {
			event.getServer().awaitTermination(TERMINATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

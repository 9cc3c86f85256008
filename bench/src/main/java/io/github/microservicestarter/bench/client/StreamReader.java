package io.github.microservicestarter.bench.client;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import io.github.microservicestarter.demo.user.StreamUsersRequest;
import io.github.microservicestarter.demo.user.UserResponse;
import io.github.microservicestarter.demo.user.UserServiceGrpc;

/**
 * Reads the user-service's StreamUsers, fast (as fast as messages arrive) or slowly (a fixed
 * number of messages a second, by asking gRPC for one message at a time), for a fixed time, after
 * a fast warm-up. Around the measured window it asks the server JVM for a full GC (jcmd GC.run),
 * the second one while the stream is still open, so the server's GC log shows the heap the
 * stream really keeps. Prints {@code result messages=N seconds=S rate=R}.
 * Usage: {@code StreamReader <port> fast|slow <messages-per-second> <warmup-s> <duration-s> <server-pid>}.
 */
public final class StreamReader {

	private StreamReader() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		boolean slow = args[1].equals("slow");
		int rate = Integer.parseInt(args[2]);
		long warmup = TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));
		long duration = TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));
		String serverPid = args[5];
		ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
		ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
		try {
			new Reading(channel, 0, pacer).readFor(warmup).close();
			fullGc(serverPid);
			Reading measured = new Reading(channel, slow ? rate : 0, pacer).readFor(duration);
			fullGc(serverPid);
			measured.close();
			double seconds = measured.elapsedNanos / 1e9;
			System.out.printf("result messages=%d seconds=%.3f rate=%.1f%n", measured.counted, seconds,
					measured.counted / seconds);
		}
		finally {
			pacer.shutdownNow();
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	private static void fullGc(String pid) throws IOException, InterruptedException {
		String jcmd = System.getProperty("java.home") + "/bin/jcmd";
		Process process = new ProcessBuilder(jcmd, pid, "GC.run").redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException("jcmd " + pid + " GC.run failed");
		}
	}

	/** One StreamUsers call of every user, read at {@code rate} messages a second (0: unpaced). */
	private static final class Reading implements ClientResponseObserver<StreamUsersRequest, UserResponse> {

		private final AtomicLong messages = new AtomicLong();

		private final CompletableFuture<Long> completed = new CompletableFuture<>();

		private final int rate;

		private ClientCallStreamObserver<StreamUsersRequest> call;

		private ScheduledFuture<?> pacing;

		private long elapsedNanos;

		/** The messages read when the window closed; more arrive while the server collects its heap. */
		private long counted;

		Reading(ManagedChannel channel, int rate, ScheduledExecutorService pacer) {
			this.rate = rate;
			UserServiceGrpc.newStub(channel).streamUsers(StreamUsersRequest.getDefaultInstance(), this);
			// Paced only once the call has started: request() before that throws, which would end the pacing.
			if (rate > 0) {
				long period = 1_000_000 / rate;
				this.pacing = pacer.scheduleAtFixedRate(() -> this.call.request(1), period, period,
						TimeUnit.MICROSECONDS);
			}
		}

		@Override
		public void beforeStart(ClientCallStreamObserver<StreamUsersRequest> requestStream) {
			this.call = requestStream;
			if (this.rate > 0) {
				requestStream.disableAutoRequestWithInitial(1);
			}
		}

		/** Reads until the time is over or the stream ends, whichever comes first; the stream stays open. */
		Reading readFor(long nanos) throws Exception {
			long start = System.nanoTime();
			try {
				this.elapsedNanos = this.completed.get(nanos, TimeUnit.NANOSECONDS) - start;
			}
			catch (TimeoutException ex) {
				this.elapsedNanos = System.nanoTime() - start;
			}
			this.counted = this.messages.get();
			return this;
		}

		@Override
		public void onNext(UserResponse value) {
			this.messages.incrementAndGet();
		}

		@Override
		public void onError(Throwable error) {
			this.completed.completeExceptionally(error);
		}

		@Override
		public void onCompleted() {
			this.completed.complete(System.nanoTime());
		}

		/** Ends the call (cancels it if it is still streaming) and fails if the server failed it. */
		void close() {
			if (this.pacing != null) {
				this.pacing.cancel(false);
			}
			this.call.cancel("The benchmark window is over", null);
			this.completed.exceptionallyCompose((error) -> {
				if (Status.fromThrowable(error).getCode() == Status.Code.CANCELLED) {
					return CompletableFuture.completedFuture(0L);
				}
				return CompletableFuture.failedFuture(error);
			}).join();
		}

	}

}

package io.github.microservicestarter.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.common.util.concurrent.Uninterruptibles;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Service methods run on a bounded pool by default; the kind of executor, or a bean of the user's,
 * changes where.
 */
class ServerExecutorTests {

	private final ApplicationContextRunner runner = GrpcServerRunner.onFreePort();

	private final ApplicationContextRunner threadNameRunner = this.runner.withBean(ProbeService.class,
			ProbeService::threadName);

	@Test
	void fixedPoolRunsCallsOnItsConfiguredNumberOfGrpcServerThreadsAndQueuesTheRest() {
		CountDownLatch bothThreadsBusy = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger running = new AtomicInteger();
		ProbeService blocking = new ProbeService((request) -> {
			running.incrementAndGet();
			bothThreadsBusy.countDown();
			Uninterruptibles.awaitUninterruptibly(release, 10, TimeUnit.SECONDS);
			running.decrementAndGet();
			return Thread.currentThread().getName();
		});
		this.runner.withPropertyValues("microservice.server.executor.threads=2")
			.withBean(ProbeService.class, () -> blocking)
			.run((context) -> {
				ThreadPoolExecutor pool = context.getBean(AppServerAutoConfiguration.SERVER_EXECUTOR_BEAN_NAME,
						ThreadPoolExecutor.class);
				try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
					List<Future<String>> calls = new ArrayList<>();
					for (int i = 0; i < 4; i++) {
						calls.add(ProbeService.callAsync(channel.channel()));
					}
					assertThat(bothThreadsBusy.await(5, TimeUnit.SECONDS)).isTrue();
					await().atMost(Duration.ofSeconds(5)).until(() -> !pool.getQueue().isEmpty());
					assertThat(running).hasValue(2);
					release.countDown();
					List<String> threads = new ArrayList<>();
					for (Future<String> call : calls) {
						threads.add(call.get(5, TimeUnit.SECONDS));
					}
					assertThat(threads).allMatch((name) -> name.startsWith("grpc-server-"));
					assertThat(threads.stream().distinct()).hasSize(2);
				}
				finally {
					release.countDown();
				}
			});
	}

	@Test
	void directKindRunsCallsOnTheTransportEventLoop() {
		this.threadNameRunner.withPropertyValues("microservice.server.executor.kind=direct").run((context) -> {
			assertThat(context).doesNotHaveBean(AppServerAutoConfiguration.SERVER_EXECUTOR_BEAN_NAME);
			assertThat(threadNameOfACall(context)).contains("-worker-ELG-");
		});
	}

	@Test
	void cachedKindRunsCallsOnGrpcDefaultExecutor() {
		this.threadNameRunner.withPropertyValues("microservice.server.executor.kind=cached").run((context) -> {
			assertThat(context).doesNotHaveBean(AppServerAutoConfiguration.SERVER_EXECUTOR_BEAN_NAME);
			assertThat(threadNameOfACall(context)).startsWith("grpc-default-executor-");
		});
	}

	@Test
	void userDeclaredGrpcServerExecutorReplacesOurs() {
		this.threadNameRunner.withUserConfiguration(UserExecutorConfiguration.class).run((context) -> {
			assertThat(context).getBeans(ExecutorService.class).containsOnlyKeys("grpcServerExecutor");
			assertThat(threadNameOfACall(context)).startsWith("user-pool-");
		});
	}

	private static String threadNameOfACall(ApplicationContext context) throws InterruptedException {
		try (LoopbackChannel channel = LoopbackChannel.plaintext(GrpcServerRunner.localPort(context))) {
			return ProbeService.call(channel.channel());
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserExecutorConfiguration {

		@Bean(destroyMethod = "shutdown")
		ExecutorService grpcServerExecutor() {
			return Executors.newFixedThreadPool(1, new CustomizableThreadFactory("user-pool-"));
		}

	}

}

package io.github.microservicestarter.deployment;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dapr/sidecar-flags, the one source of the demos' daprd flags, agrees with the demos: a line per
 * demo, its app id and port those the demo runs with, and only flags that every way of running
 * daprd can give (Kubernetes as annotations of the same names).
 */
class SidecarFlagsTests {

	/**
	 * The daprd flags that Dapr's sidecar injector (1.18) takes as the pod annotation of the same
	 * name: dapr.io/NAME gives --NAME.
	 */
	static final Set<String> FLAGS_WITH_ANNOTATIONS = Set.of("app-id", "app-port", "app-protocol",
			"enable-app-health-check", "app-health-probe-interval", "app-health-probe-timeout", "app-health-threshold",
			"metrics-port", "enable-metrics", "log-level", "app-max-concurrency", "enable-api-logging",
			"app-channel-address");

	private final Map<String, SidecarFlags> flags = SidecarFlags.read();

	@Test
	void everyDemoHasALineAndEveryLineIsADemo() {
		assertThat(this.flags.keySet()).containsExactlyInAnyOrderElementsOf(DemoApp.ALL.stream().map(DemoApp::appId).toList());
	}

	@Test
	void appPortIsThePortTheDemoListensOnByItself() {
		this.flags.values()
			.forEach((app) -> assertThat(app.appPort()).as("--app-port of %s", app.appId())
				.isEqualTo(DemoApp.withAppId(app.appId()).grpcPort(Map.of(), List.of())));
	}

	@Test
	void appProtocolIsTheProtocolTheDemoServes() {
		this.flags.values()
			.forEach((app) -> assertThat(app.values().get("app-protocol")).as("--app-protocol of %s", app.appId())
				.isEqualTo(DemoApp.withAppId(app.appId()).protocol()));
	}

	@Test
	void appHealthChecksAreOnForTheAppsThatAnswerThem() {
		this.flags.values().forEach((app) -> {
			boolean answers = DemoApp.withAppId(app.appId()).answersDaprHealthChecks();
			assertThat(app.values().getOrDefault("enable-app-health-check", "false")).as("app health checks of %s,"
					+ " which %s Dapr's AppCallbackHealthCheck", app.appId(), answers ? "serves" : "does not serve")
				.isEqualTo(String.valueOf(answers));
			if (!answers) {
				assertThat(app.values().keySet()).as("health check flags of %s", app.appId())
					.noneMatch((flag) -> flag.startsWith("app-health-"));
			}
		});
	}

	@Test
	void everyFlagIsOneKubernetesGivesAsTheAnnotationOfItsName() {
		this.flags.values()
			.forEach((app) -> assertThat(FLAGS_WITH_ANNOTATIONS).as("flags of %s", app.appId())
				.containsAll(app.values().keySet()));
	}

	@Test
	void runDemosStartsItsSidecarsWithTheseFlags() {
		String runDemos = RepositoryFiles.read("scripts/run-demos");
		if (runDemos.contains("daprd")) {
			assertThat(runDemos).as("scripts/run-demos, which starts daprd: it takes the flags from " + SidecarFlags.FILE)
				.contains(SidecarFlags.FILE)
				.doesNotContain("--app-port ")
				.doesNotContain("--app-id ");
		}
	}

	@Test
	void metricsPortsDifferSoThatBothSidecarsRunOnOneMachine() {
		assertThat(this.flags.values().stream().map(SidecarFlags::metricsPort).distinct()).hasSameSizeAs(this.flags.values());
	}

}

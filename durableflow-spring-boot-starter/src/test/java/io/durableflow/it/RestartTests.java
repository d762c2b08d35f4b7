package io.durableflow.it;

import java.time.Duration;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static io.durableflow.it.Contexts.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that sleeps across a restart of the application resumes with its memoized steps.
 */
class RestartTests {

	@Test
	void aSleepingRunResumesAfterTheApplicationRestarts() {
		String url = TestDatabase.newDatabase();
		String runId;
		try (ConfigurableApplicationContext first = Contexts.start(url)) {
			DurableFlow flow = first.getBean(DurableFlow.class);
			// long enough to outlast this context's close and the next one's start on a
			// loaded machine
			runId = flow.start("sleepy", 4_000L, StartOptions.defaults()).runId();
			awaitStatus(flow, runId, RunStatus.SLEEPING, Duration.ofSeconds(10));
			assertThat(Probe.count(runId, "before")).isEqualTo(1);
		}
		try (ConfigurableApplicationContext second = Contexts.start(url)) {
			DurableFlow flow = second.getBean(DurableFlow.class);
			assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.SLEEPING);
			awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(15));
		}
		assertThat(Probe.count(runId, "before")).isEqualTo(1);
		assertThat(Probe.count(runId, "after")).isEqualTo(1);
	}

	@Test
	void aShutdownReleasesTheLeaseOfARunStillInAStepSoAnotherInstanceTakesItAtOnce() {
		String url = TestDatabase.newDatabase();
		String runId;
		try (ConfigurableApplicationContext first = Contexts.start(url, "durableflow.worker.shutdown-timeout=200ms",
				"durableflow.lease.ttl=60s")) {
			DurableFlow flow = first.getBean(DurableFlow.class);
			runId = flow.start("hold", "x", StartOptions.defaults()).runId();
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> Probe.count(runId, "hold") == 1);
		}
		try (ConfigurableApplicationContext second = Contexts.start(url)) {
			DurableFlow flow = second.getBean(DurableFlow.class);
			// a 60 s lease would block a takeover; the released run is due at once
			awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(10));
			assertThat(flow.find(runId).orElseThrow().output(Integer.class)).isEqualTo(2);
		}
	}

	/** Every lifecycle bean makes its threads again when the context starts again. */
	@Test
	void aContextStoppedAndStartedAgainStillRunsStepsWithATimeout() {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase())) {
			context.stop();
			context.start();
			DurableFlow flow = context.getBean(DurableFlow.class);
			String runId = flow.start("slow-step", "x", StartOptions.defaults()).runId();

			awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
			assertThat(flow.find(runId).orElseThrow().output(Integer.class)).isEqualTo(2);
		}
	}

}

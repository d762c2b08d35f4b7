package io.durableflow.taskgraph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The steps of one step graph that are ready together run on two instances at once. */
class StepGraphInstancesTests {

	@Test
	void twoInstancesShareTheStepsOfOneGraph() {
		String url = TestDatabase.newDatabase();
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				// two workers each: more than two steps at once need both instances (the
				// graph's own run takes one of the first instance's workers while it
				// starts and takes its steps)
				contexts.add(GraphTestApp.start(url, "durableflow.worker.poll-interval=100ms",
						"durableflow.worker.concurrency=2"));
			}
			GraphTestApp.Hold.peak.set(0);
			GraphTestApp.Hold.byInstance.clear();
			DurableFlow flow = contexts.get(0).getBean(DurableFlow.class);
			String runId = flow.start("steps.wide", Map.of("width", 8, "instances", 2), StartOptions.defaults())
				.runId();
			await().atMost(Duration.ofSeconds(60)).until(() -> flow.find(runId).orElseThrow().status().isTerminal());
			WorkflowRunView run = flow.find(runId).orElseThrow();
			assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.COMPLETED);
			assertThat(run.output(Map.class)).containsKeys("top", "hold[0]", "hold[7]", "bottom");
			assertThat(GraphTestApp.Hold.peak.get()).isGreaterThanOrEqualTo(2);
			assertThat(GraphTestApp.Hold.byInstance).hasSize(2);
			assertThat(GraphTestApp.Hold.byInstance.values().stream().mapToInt((count) -> count.get()).sum())
				.isEqualTo(8);
			assertThat(StepGraphTests.executions(runId, "bottom")).isEqualTo(1);
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

}

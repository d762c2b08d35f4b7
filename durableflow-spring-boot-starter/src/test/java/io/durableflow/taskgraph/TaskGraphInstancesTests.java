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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The items of a with_items task with concurrency run at the same time, as child runs
 * that two instances share, and never more than the concurrency at once.
 */
class TaskGraphInstancesTests {

	private static final String ITEMS = """
			ref: graph.shared_items
			version: "1"
			tasks:
			  - name: each
			    action: test.hold
			    with_items: "{{ range(12) | list }}"
			    concurrency: 4
			    input:
			      item: "{{ item }}"
			      millis: 300
			output_map:
			  items: "{{ task.each.results | map(attribute='item') | list }}"
			""";

	@Test
	void twoInstancesShareOneRunsItemsAndAtMostTheConcurrencyRunAtOnce() {
		String url = TestDatabase.newDatabase();
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				// one worker on the instance that runs the parent, three on the other:
				// four
				// items at once need both (a run started by an instance with a free
				// worker
				// is leased to it at once)
				contexts.add(GraphTestApp.start(url, "durableflow.worker.poll-interval=100ms",
						"durableflow.worker.concurrency=" + ((i == 0) ? 1 : 3)));
			}
			ConfigurableApplicationContext first = contexts.get(0);
			GraphTestApp.register(ITEMS, contexts.toArray(ConfigurableApplicationContext[]::new));
			GraphTestApp.Hold.peak.set(0);
			GraphTestApp.Hold.byInstance.clear();

			DurableFlow flow = first.getBean(DurableFlow.class);
			String runId = flow.start("graph.shared_items", Map.of(), StartOptions.defaults()).runId();
			await().atMost(Duration.ofSeconds(60)).until(() -> flow.find(runId).orElseThrow().status().isTerminal());
			WorkflowRunView run = flow.find(runId).orElseThrow();
			assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
			assertThat(run.output(Map.class)).isEqualTo(Map.of("items", List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)));
			assertThat(GraphTestApp.Hold.peak.get()).isBetween(2, 4);
			assertThat(GraphTestApp.Hold.byInstance).hasSize(2);
			assertThat(GraphTestApp.Hold.byInstance.values().stream().mapToInt((count) -> count.get()).sum())
				.isEqualTo(12);
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	@ParameterizedTest(name = "cancellation_policy: {0}")
	@ValueSource(strings = { "allow_finish", "cancel_running" })
	void aCancelLetsRunningItemsFinishOrCancelsThemAsThePolicySaysAndStartsNothingNew(String policy) {
		String yaml = """
				ref: graph.cancelled_items
				version: "1"
				cancellation_policy: %s
				tasks:
				  - name: each
				    action: test.hold
				    with_items: "{{ range(6) | list }}"
				    concurrency: 2
				    input:
				      item: "{{ item }}"
				      millis: 1500
				""".formatted(policy);
		try (ConfigurableApplicationContext context = GraphTestApp.start(TestDatabase.newDatabase(),
				"durableflow.worker.poll-interval=100ms")) {
			GraphTestApp.register(yaml, context);
			GraphTestApp.Hold.byInstance.clear();
			DurableFlow flow = context.getBean(DurableFlow.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			String runId = flow.start("graph.cancelled_items", Map.of(), StartOptions.defaults()).runId();
			await().atMost(Duration.ofSeconds(20)).until(() -> GraphTestApp.Hold.running.get() == 2);
			flow.cancel(runId, "enough");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> jdbc.queryForObject(
						"SELECT count(*) FROM durableflow.workflow_runs WHERE parent_run_id = ? "
								+ "AND status IN ('pending', 'running', 'sleeping', 'waiting')",
						Integer.class, runId) == 0);
			assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
			List<String> children = jdbc.queryForList(
					"SELECT status FROM durableflow.workflow_runs WHERE parent_run_id = ? ORDER BY run_id",
					String.class, runId);
			assertThat(children).containsExactly(policy.equals("allow_finish")
					? new String[] { "completed", "completed" } : new String[] { "cancelled", "cancelled" });
			// nothing new started: two holds in all
			await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> true);
			assertThat(GraphTestApp.Hold.byInstance.values().stream().mapToInt((count) -> count.get()).sum())
				.isEqualTo(2);
		}
	}

}

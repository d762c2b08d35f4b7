package io.durableflow.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker JVM is killed with SIGKILL in the middle of a YAML graph whose with_items task
 * runs its items four at a time. Another instance takes the run and its items over: every
 * task execution recorded as done before the kill ran exactly once, every item ran, none
 * more than twice, and the run completes on the survivor. The action is
 * {@link GraphMarkAction}.
 */
class GraphKillTests {

	private static final String GRAPH = """
			ref: kill.graph
			version: "1"
			tasks:
			  - name: first
			    action: test.mark
			    input:
			      item: -1
			      millis: 0
			    on_success: each
			  - name: each
			    action: test.mark
			    with_items: "{{ range(40) | list }}"
			    concurrency: 4
			    input:
			      item: "{{ item }}"
			      millis: 150
			    on_success: last
			  - name: last
			    action: test.mark
			    input:
			      item: 1000
			      millis: 0
			""";

	@Test
	void aGraphKilledMidwayCompletesOnAnotherInstanceAndNothingRecordedAsDoneRunsTwice() throws Exception {
		String url = TestDatabase.newDatabase();
		JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), url));
		try (ConfigurableApplicationContext starter = Contexts.start(url, "durableflow.worker.enabled=false")) {
			jdbc.execute("CREATE TABLE IF NOT EXISTS public.graph_marks (id bigserial PRIMARY KEY, "
					+ "item int NOT NULL, pid bigint NOT NULL)");
			WorkflowDefinitions definitions = starter.getBean(WorkflowDefinitions.class);
			definitions.create(GRAPH, WorkflowDefinitions.Format.YAML);
			String runId = definitions.start("kill.graph", Map.of(), "graph").runId();

			Process worker = KillTests.startWorker(url);
			List<String> doneAtKill;
			try {
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> jdbc.queryForObject("SELECT count(*) FROM public.graph_marks WHERE item >= 0",
							Integer.class) >= 10);
			}
			finally {
				// SIGKILL on Linux: no shutdown hook, no lease release
				worker.destroyForcibly();
				assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
				// the task executions recorded as done: the parent's steps and the items'
				doneAtKill = jdbc.queryForList(
						"SELECT name FROM durableflow.workflow_steps WHERE status = 'completed' "
								+ "AND kind = 'step' AND (run_id = 'graph' OR run_id LIKE 'graph/each[%')",
						String.class);
			}
			assertThat(doneAtKill).contains("first").doesNotContain("last");

			try (ConfigurableApplicationContext survivor = Contexts.start(url, "durableflow.lease.ttl=2s")) {
				Contexts.awaitStatus(survivor.getBean(DurableFlow.class), runId, RunStatus.COMPLETED,
						Duration.ofSeconds(90));
			}
			Map<Integer, Integer> marks = new java.util.HashMap<>();
			jdbc.query("SELECT item, count(*) AS n FROM public.graph_marks GROUP BY item",
					(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> marks.put(rs.getInt("item"),
							rs.getInt("n")));
			assertThat(marks).hasSize(42);
			assertThat(marks.values()).allSatisfy((n) -> assertThat(n).isBetween(1, 2));
			for (String step : doneAtKill) {
				int item = step.equals("first") ? -1 : Integer.parseInt(step.substring(5, step.length() - 1));
				assertThat(marks.get(item)).as("runs of %s, recorded as done before the kill", step).isEqualTo(1);
			}
			assertThat(jdbc.queryForObject("SELECT count(DISTINCT pid) FROM public.graph_marks", Integer.class))
				.as("the killed worker and the survivor")
				.isEqualTo(2);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE parent_run_id = ? "
					+ "AND status = 'completed'", Integer.class, runId))
				.isEqualTo(40);
		}
	}

}

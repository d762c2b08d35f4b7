package io.durableflow.it;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker JVM is killed with SIGKILL in the middle of a 10,000-item cursor loop. Another
 * instance takes the run over once the lease expires and goes on from the last position
 * the loop advanced to: every item before it ran exactly once, every item ran, and only
 * the items after it (at most the ten between two advances) may have run twice.
 */
class CursorKillTests {

	private static final int ITEMS = 10_000;

	@Test
	void aLoopKilledMidwayGoesOnFromItsLastPositionOnAnotherInstance() throws Exception {
		String url = TestDatabase.newDatabase();
		JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), url));
		try (ConfigurableApplicationContext starter = Contexts.start(url, "durableflow.worker.enabled=false")) {
			CursorWorkflows.MarkingLoop.createTable(jdbc);
			DurableFlow flow = starter.getBean(DurableFlow.class);
			String runId = flow.start("marking-loop", ITEMS, StartOptions.builder().runId("loop").build()).runId();

			Process worker = KillTests.startWorker(url);
			try {
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> jdbc.queryForObject("SELECT count(*) FROM public.probe_items",
							Integer.class) >= 3_000);
			}
			finally {
				// SIGKILL on Linux: no shutdown hook, no lease release
				worker.destroyForcibly();
				assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
			int position = jdbc.queryForObject(
					"SELECT result::text::int FROM durableflow.workflow_steps WHERE run_id = 'loop' AND name = 'items'",
					Integer.class);
			int markedBeforeKill = jdbc.queryForObject("SELECT count(*) FROM public.probe_items", Integer.class);
			assertThat(position).isPositive().isLessThan(ITEMS);
			assertThat(markedBeforeKill - position).as("items past the last advance").isBetween(0, 10);

			try (ConfigurableApplicationContext survivor = Contexts.start(url, "durableflow.lease.ttl=2s")) {
				Contexts.awaitStatus(survivor.getBean(DurableFlow.class), runId, RunStatus.COMPLETED,
						Duration.ofSeconds(90));
			}

			assertThat(jdbc.queryForObject("SELECT count(DISTINCT item) FROM public.probe_items", Integer.class))
				.isEqualTo(ITEMS);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT item FROM public.probe_items WHERE item < ? "
					+ "GROUP BY item HAVING count(*) > 1) twice", Integer.class, position))
				.as("items before the last advance that ran twice")
				.isZero();
			assertThat(jdbc.queryForObject(
					"SELECT max(c) FROM (SELECT count(*) AS c FROM public.probe_items GROUP BY item) runs",
					Integer.class))
				.isLessThanOrEqualTo(2);
			assertThat(jdbc.queryForObject("SELECT count(DISTINCT pid) FROM public.probe_items", Integer.class))
				.as("the killed worker and the survivor")
				.isEqualTo(2);
			assertThat(jdbc.queryForObject("SELECT executions FROM durableflow.workflow_runs WHERE run_id = 'loop'",
					Integer.class))
				.isEqualTo(2);
		}
	}

}

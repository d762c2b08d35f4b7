package io.durableflow.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run's finishing write that loses a deadlock is written again at once. The write that
 * finishes a child run locks the child's row, then resumes its waiting parent (the wait
 * and the parent's row); a transaction that holds the parent's row and then asks for the
 * child's closes the cycle, and PostgreSQL rolls back the engine's transaction (it checks
 * first: its deadlock timeout is the default 1 s, the test's is 30 s). With writes of
 * their own ({@code durableflow.writer.batch-size=1}) the finishing write is a
 * transaction of its own. Without the second try the child stays running until its lease
 * (a minute here) runs out, and its step runs again.
 */
class FinishingWriteDeadlockTests {

	@Test
	void aFinishingWriteThatLosesADeadlockIsWrittenAgainAndItsStepRunsOnce() throws Exception {
		HeldWorkflows.reset();
		String url = TestDatabase.newDatabase();
		try (ConfigurableApplicationContext context = Contexts.start(url, "durableflow.writer.batch-size=1",
				"durableflow.lease.ttl=60s", "durableflow.worker.concurrency=2")) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			String parent = flow.start("held-parent", "audit", StartOptions.defaults()).runId();
			assertThat(HeldWorkflows.entered.await(30, TimeUnit.SECONDS)).isTrue();
			String child = jdbc.queryForObject("SELECT run_id FROM durableflow.workflow_runs WHERE parent_run_id = ?",
					String.class, parent);
			// the parent is parked on its wait, the child marked awaited
			await().atMost(Duration.ofSeconds(30))
				.until(() -> jdbc.queryForObject(
						"SELECT count(*) FROM durableflow.workflow_waits WHERE run_id = ? AND status = 'pending'",
						Integer.class, parent) == 1
						&& Boolean.TRUE.equals(jdbc.queryForObject(
								"SELECT awaited FROM durableflow.workflow_runs WHERE run_id = ?", Boolean.class, child))
						&& !"running".equals(flow.find(parent).orElseThrow().status().dbValue()));
			try (Connection connection = DriverManager.getConnection(url)) {
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET LOCAL deadlock_timeout = '30s'");
				}
				lock(connection, parent);
				HeldWorkflows.release.countDown();
				// the child's finishing write holds the child's row and waits for the
				// parent's
				await().atMost(Duration.ofSeconds(30))
					.until(() -> jdbc.queryForObject(
							"SELECT count(*) FROM pg_stat_activity "
									+ "WHERE wait_event_type = 'Lock' AND datname = current_database()",
							Integer.class) == 1);
				// closes the cycle: returns once PostgreSQL rolled the engine's write
				// back
				lock(connection, child);
				connection.rollback();
			}
			Contexts.awaitStatus(flow, parent, RunStatus.COMPLETED, Duration.ofSeconds(20));
			assertThat(flow.find(parent).orElseThrow().output(String.class)).isEqualTo("audit done");
			assertThat(flow.find(child).orElseThrow().error()).isEmpty();
			assertThat(HeldWorkflows.executions.get()).as("executions of the child's step").isEqualTo(1);
			assertThat(jdbc.queryForObject("SELECT executions FROM durableflow.workflow_runs WHERE run_id = ?",
					Integer.class, child))
				.as("claims of the child")
				.isEqualTo(1);
		}
	}

	@Test
	void aWriteTheDatabaseRefusesEndsTheExecutionNotTheRunWhichReplaysAndCompletes() {
		HeldWorkflows.reset();
		HeldWorkflows.release.countDown();
		String url = TestDatabase.newDatabase();
		try (ConfigurableApplicationContext context = Contexts.start(url, "durableflow.writer.batch-size=1",
				"durableflow.lease.ttl=60s")) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			// the first write of the completed step (with the run's completion) fails
			jdbc.execute(
					"""
									CREATE SEQUENCE public.refusals;
							CREATE FUNCTION public.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
							BEGIN
							    -- a sequence, as the failing statement rolls back everything else
							    IF nextval('public.refusals') = 1 THEN RAISE EXCEPTION 'refused by the test'; END IF;
							    RETURN NEW;
							END $$;
							CREATE TRIGGER refuse BEFORE INSERT ON durableflow.workflow_steps
									    FOR EACH ROW WHEN (NEW.name = 'held' AND NEW.status = 'completed') EXECUTE FUNCTION public.refuse()""");
			String runId = flow.start("held-child", "report", StartOptions.defaults()).runId();
			Contexts.awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
			assertThat(flow.find(runId).orElseThrow().output(String.class)).isEqualTo("report done");
			// the step's first result was never recorded: it ran again on the replay
			assertThat(HeldWorkflows.executions.get()).as("executions of the step").isEqualTo(2);
			assertThat(jdbc.queryForObject("SELECT executions FROM durableflow.workflow_runs WHERE run_id = ?",
					Integer.class, runId))
				.isEqualTo(2);
		}
	}

	private static void lock(Connection connection, String runId) throws Exception {
		try (PreparedStatement ps = connection
			.prepareStatement("SELECT 1 FROM durableflow.workflow_runs WHERE run_id = ? FOR UPDATE")) {
			ps.setString(1, runId);
			try (ResultSet rs = ps.executeQuery()) {
				assertThat(rs.next()).isTrue();
			}
		}
	}

}

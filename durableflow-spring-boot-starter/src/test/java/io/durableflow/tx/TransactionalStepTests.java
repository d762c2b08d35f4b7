package io.durableflow.tx;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.store.commit.StepTransactions;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.orm.jpa.JpaTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code flow.transaction} on real PostgreSQL: the body's writes and the step's record
 * commit together or not at all, under Spring Boot's {@code JpaTransactionManager} (JPA
 * and JdbcTemplate), under a {@code DataSourceTransactionManager}, and not at all under a
 * transaction manager of another DataSource.
 */
class TransactionalStepTests {

	private static String url;

	private static ConfigurableApplicationContext context;

	private static DurableFlow flow;

	/** Outside any transaction of the host: commits at once. */
	private static JdbcTemplate outside;

	@BeforeAll
	static void start() {
		url = TestDatabase.newDatabase();
		context = TxApp.start(url);
		flow = context.getBean(DurableFlow.class);
		outside = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), url));
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void stepsRunInSpringBootsJpaTransactionManager() {
		assertThat(context.getBean(StepTransactions.class).manager()).isInstanceOf(JpaTransactionManager.class)
			.isSameAs(context.getBean("transactionManager"));
	}

	@Test
	void aBodyThatSucceedsCommitsItsRowWithTheStepAndTheResultIsTheRowsId() {
		String runId = flow.start("tx.book", "ok", StartOptions.defaults()).runId();
		WorkflowRunView run = awaitStatus(runId, RunStatus.COMPLETED);
		List<Map<String, Object>> rows = ledger(runId);
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0)).containsEntry("note", "body run 1, in a transaction: true");
		assertThat(run.output(Long.class)).isEqualTo(rows.get(0).get("id"));
		assertThat(step(runId, "book")).containsEntry("status", "completed").containsEntry("attempts", 1);
		assertThat(TxWorkflows.bodyRuns(runId)).isEqualTo(1);
	}

	@Test
	void aBodyThatThrowsAfterItsInsertCommitsNothingAndTheStepFails() {
		String runId = flow.start("tx.book", "fail-once", StartOptions.defaults()).runId();
		awaitStatus(runId, RunStatus.FAILED);
		assertThat(ledger(runId)).isEmpty();
		assertThat(step(runId, "book")).containsEntry("status", "failed").containsEntry("attempts", 1);
		assertThat((String) step(runId, "book").get("error")).contains("the first body run fails after its insert");

		// an operator's retry runs the body again: one row in all
		flow.retryStep(runId, "book");
		awaitStatus(runId, RunStatus.COMPLETED);
		assertThat(ledger(runId)).extracting((row) -> row.get("note"))
			.containsExactly("body run 2, in a transaction: true");
		assertThat(TxWorkflows.bodyRuns(runId)).isEqualTo(2);
	}

	@Test
	void aStepRetriedByItsOptionsCommitsExactlyOneRow() {
		String runId = flow.start("tx.book", "retry-once", StartOptions.defaults()).runId();
		awaitStatus(runId, RunStatus.COMPLETED);
		assertThat(ledger(runId)).extracting((row) -> row.get("note"))
			.containsExactly("body run 2, in a transaction: true");
		assertThat(step(runId, "book")).containsEntry("status", "completed").containsEntry("attempts", 2);
		assertThat(TxWorkflows.bodyRuns(runId)).isEqualTo(2);
	}

	@Test
	void aReplayReturnsTheRecordedResultWithoutRunningTheBody() {
		// the nap parks the run after the transactional step; the next execution replays
		// it
		String runId = flow.start("tx.book", "ok", StartOptions.defaults()).runId();
		WorkflowRunView run = awaitStatus(runId, RunStatus.COMPLETED);
		assertThat(outside.queryForObject("SELECT executions FROM durableflow.workflow_runs WHERE run_id = ?",
				Integer.class, runId))
			.isEqualTo(2);
		assertThat(TxWorkflows.bodyRuns(runId)).isEqualTo(1);
		assertThat(ledger(runId)).hasSize(1);
		assertThat(run.output(Long.class)).isEqualTo(ledger(runId).get(0).get("id"));
	}

	@Test
	void aWorkerThatLostTheLeaseBeforeCommitRollsTheBodysInsertBackAndTheNextOwnerCommitsOnce() {
		TxWorkflows.beforeCommit.set((runId) -> outside
			.update("UPDATE durableflow.workflow_runs SET lease_token = lease_token + 1, lease_owner = 'intruder', "
					+ "next_due_at = now() + interval '1 hour' WHERE run_id = ?", runId));
		String runId = flow.start("tx.book", "steal", StartOptions.defaults()).runId();
		await().atMost(Duration.ofSeconds(20)).until(() -> TxWorkflows.beforeCommit.get() == null);
		// the body inserted its row and returned; the fenced write found another owner
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> ledger(runId).isEmpty());
		assertThat(ledger(runId)).isEmpty();
		assertThat(outside.queryForList("SELECT name FROM durableflow.workflow_steps WHERE run_id = ?", String.class,
				runId))
			.containsExactly("before");
		assertThat(TxWorkflows.bodyRuns(runId)).isEqualTo(1);

		// the intruder's lease expires: this instance takes the run over and replays it
		outside.update("UPDATE durableflow.workflow_runs SET next_due_at = now() WHERE run_id = ?", runId);
		awaitStatus(runId, RunStatus.COMPLETED);
		assertThat(ledger(runId)).extracting((row) -> row.get("note"))
			.containsExactly("body run 2, in a transaction: true");
		assertThat(TxWorkflows.bodyRuns(runId)).isEqualTo(2);
	}

	@Test
	void aBodyThatOutlastsTheTimeoutIsRolledBackAndTheStepTimesOut() {
		String runId = flow.start("tx.book", "slow", StartOptions.defaults()).runId();
		WorkflowRunView run = awaitStatus(runId, RunStatus.FAILED);
		assertThat(run.error().orElseThrow().code()).isEqualTo("step_timeout");
		assertThat(ledger(runId)).isEmpty();
		assertThat(step(runId, "book")).containsEntry("status", "failed");
		assertThat(TxWorkflows.bodyRuns(runId)).isEqualTo(1);
	}

	@Test
	void aJpaRepositoryWriteInTheBodyJoinsTheTransaction() {
		String runId = flow.start("tx.jpa", "x", StartOptions.defaults()).runId();
		WorkflowRunView run = awaitStatus(runId, RunStatus.COMPLETED);
		// the first body run's JPA and JDBC rows were rolled back with it
		assertThat(ledger(runId)).extracting((row) -> row.get("step") + ": " + row.get("note"))
			.containsExactlyInAnyOrder("jpa: body run 2", "jdbc: body run 2");
		assertThat(run.output(String.class)).isEqualTo("body run 2");
		assertThat(step(runId, "book")).containsEntry("status", "completed").containsEntry("attempts", 2);
		assertThat(context.getBean(LedgerRepository.class).findAll()).extracting(LedgerEntry::getNote)
			.contains("body run 2");
	}

	@Test
	void aFlowCallInsideTheBodyFailsTheStepWithoutARetryAndCommitsNothing() {
		String runId = flow.start("tx.nested", "x", StartOptions.defaults()).runId();
		awaitStatus(runId, RunStatus.FAILED);
		assertThat(ledger(runId)).isEmpty();
		Map<String, Object> step = step(runId, "book");
		assertThat(step).containsEntry("status", "failed").containsEntry("attempts", 1);
		assertThat((String) step.get("error")).contains("inside the body of step 'book'; steps cannot be nested")
			.contains("\"retryable\": false");
		assertThat(TxWorkflows.bodyRuns(runId)).isEqualTo(1);
	}

	@Test
	void underADataSourceTransactionManagerJdbcTemplateJoinsToo() {
		String other = TestDatabase.newDatabase();
		try (ConfigurableApplicationContext host = TxApp.start(other, DataSourceManager.class)) {
			assertThat(host.getBean(StepTransactions.class).manager()).isInstanceOf(DataSourceTransactionManager.class)
				.isSameAs(host.getBean("transactionManager"));
			DurableFlow engine = host.getBean(DurableFlow.class);
			JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), other));
			String ok = engine.start("tx.book", "ok", StartOptions.defaults()).runId();
			String failing = engine.start("tx.book", "fail-once", StartOptions.defaults()).runId();
			String retried = engine.start("tx.book", "retry-once", StartOptions.defaults()).runId();
			awaitStatus(engine, ok, RunStatus.COMPLETED);
			awaitStatus(engine, failing, RunStatus.FAILED);
			awaitStatus(engine, retried, RunStatus.COMPLETED);
			assertThat(jdbc.queryForList("SELECT run_id || ' ' || note FROM ledger", String.class))
				.containsExactlyInAnyOrder(ok + " body run 1, in a transaction: true",
						retried + " body run 2, in a transaction: true");
		}
	}

	@Test
	void aTransactionManagerOfAnotherDataSourceIsRefusedBeforeTheBodyRuns() {
		String other = TestDatabase.newDatabase();
		try (ConfigurableApplicationContext host = TxApp.start(other, ForeignManager.class)) {
			DurableFlow engine = host.getBean(DurableFlow.class);
			String runId = engine.start("tx.book", "ok", StartOptions.defaults()).runId();
			WorkflowRunView run = awaitStatus(engine, runId, RunStatus.FAILED);
			assertThat(run.error().orElseThrow().message()).contains("flow.transaction('book')")
				.contains("does not manage DurableFlow's DataSource");
			assertThat(TxWorkflows.bodyRuns(runId)).isZero();
			JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), other));
			assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger", Integer.class)).isZero();
			assertThat(jdbc.queryForList("SELECT name FROM durableflow.workflow_steps WHERE run_id = ?", String.class,
					runId))
				.containsExactly("before");
		}
	}

	private static WorkflowRunView awaitStatus(String runId, RunStatus status) {
		return awaitStatus(flow, runId, status);
	}

	private static WorkflowRunView awaitStatus(DurableFlow engine, String runId, RunStatus status) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> engine.find(runId).map(WorkflowRunView::status).orElse(null), (s) -> {
				if (s != null && s.isTerminal() && s != status) {
					throw new AssertionError("run " + runId + " is " + s + ", not " + status + ": "
							+ engine.find(runId).flatMap(WorkflowRunView::error).orElse(null));
				}
				return s == status;
			});
		return engine.find(runId).orElseThrow();
	}

	private static List<Map<String, Object>> ledger(String runId) {
		return outside.queryForList("SELECT id, step, note FROM ledger WHERE run_id = ? ORDER BY id", runId);
	}

	private static Map<String, Object> step(String runId, String name) {
		return outside.queryForMap(
				"SELECT status, attempts, error::text AS error FROM durableflow.workflow_steps WHERE run_id = ? AND name = ?",
				runId, name);
	}

	/** A host whose transaction manager is a {@code DataSourceTransactionManager}. */
	static class DataSourceManager {

		@Bean
		DataSourceTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

	}

	/** A host whose transaction manager manages a DataSource DurableFlow does not use. */
	static class ForeignManager {

		@Bean
		DataSourceTransactionManager transactionManager() {
			SimpleDriverDataSource foreign = new SimpleDriverDataSource();
			foreign.setDriverClass(org.postgresql.Driver.class);
			foreign.setUrl(TestDatabase.url("postgres"));
			return new DataSourceTransactionManager(foreign);
		}

	}

}

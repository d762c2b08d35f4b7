package io.durableflow.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.durableflow.BulkActionResult;
import io.durableflow.BulkActionResult.Skip;
import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.it.WaitingWorkflows.ParentInput;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.durableflow.it.Contexts.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Cancelling and retrying several runs at once, as an operator does from the console. */
class BulkOperatorActionsTests {

	private static final Duration WITHIN = Duration.ofSeconds(20);

	private static final long AN_HOUR = 3_600_000;

	static ConfigurableApplicationContext context;

	static DurableFlow flow;

	static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		context = Contexts.start(TestDatabase.newDatabase());
		flow = context.getBean(DurableFlow.class);
		jdbc = context.getBean(JdbcTemplate.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void cancelRunsCancelsTheUnfinishedOnesInRunIdOrderAndSaysWhyItSkippedTheOthers() {
		String b = start("sleepy", AN_HOUR, "bulk-cancel-b");
		String a = start("sleepy", AN_HOUR, "bulk-cancel-a");
		String done = start("sleepy", 1L, "bulk-cancel-done");
		awaitStatus(flow, a, RunStatus.SLEEPING, WITHIN);
		awaitStatus(flow, b, RunStatus.SLEEPING, WITHIN);
		awaitStatus(flow, done, RunStatus.COMPLETED, WITHIN);

		BulkActionResult result = flow.cancelRuns(List.of(b, "bulk-cancel-nope", done, a, b), "clean-up",
				"ops@example.com");

		assertThat(result.done()).containsExactly(a, b);
		assertThat(result.skipped()).containsExactly(entry(done, Skip.FINISHED),
				entry("bulk-cancel-nope", Skip.NOT_FOUND));
		assertThat(result.skipped(Skip.FINISHED)).containsExactly(done);
		for (String runId : List.of(a, b)) {
			assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
			assertThat(flow.find(runId).orElseThrow().error().orElseThrow().message()).isEqualTo("clean-up");
			assertThat(lastAction(runId)).containsEntry("action", "cancel")
				.containsEntry("by", "ops@example.com")
				.containsEntry("reason", "clean-up");
		}
		assertThat(flow.find(done).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(actions(done)).isZero();
	}

	@Test
	void aChildSelectedWithItsParentIsCancelledWithItAndCountsAsDone() {
		String parent = flow.start("parent", new ParentInput(0, 0, AN_HOUR), StartOptions.defaults()).runId();
		String child = parent + "/child";
		awaitStatus(flow, child, RunStatus.SLEEPING, WITHIN);
		awaitStatus(flow, parent, RunStatus.WAITING, WITHIN);

		BulkActionResult result = flow.cancelRuns(List.of(child, parent), null, null);

		assertThat(result.done()).containsExactly(parent, child);
		assertThat(result.skipped()).isEmpty();
		assertThat(lastAction(parent)).containsEntry("by", "api").containsEntry("reason", "cancelled");
		assertThat(lastAction(child)).containsEntry("by", "parent:" + parent);
	}

	@Test
	void inTheCallersTransactionARefusedCancelChangesNothingAndTheRestCommitsWithIt() {
		// the parent gives up waiting and completes while its child sleeps on
		String parent = flow.start("parent", new ParentInput(0, 0, 50), StartOptions.defaults()).runId();
		String child = parent + "/child";
		awaitStatus(flow, parent, RunStatus.COMPLETED, WITHIN);
		assertThat(flow.find(child).orElseThrow().status()).isEqualTo(RunStatus.SLEEPING);
		String other = start("sleepy", AN_HOUR, "bulk-tx-other");
		awaitStatus(flow, other, RunStatus.SLEEPING, WITHIN);
		TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));

		BulkActionResult result = tx.execute((status) -> flow.cancelRuns(List.of(parent, other), "tx", "ops"));

		assertThat(result.done()).containsExactly(other);
		assertThat(result.skipped()).containsExactly(entry(parent, Skip.FINISHED));
		assertThat(flow.find(other).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
		assertThat(flow.find(child).orElseThrow().status()).isEqualTo(RunStatus.SLEEPING);

		String rolledBack = start("sleepy", AN_HOUR, "bulk-tx-rolled-back");
		awaitStatus(flow, rolledBack, RunStatus.SLEEPING, WITHIN);
		tx.executeWithoutResult((status) -> {
			assertThat(flow.cancelRuns(List.of(rolledBack), "tx", "ops").done()).containsExactly(rolledBack);
			status.setRollbackOnly();
		});
		assertThat(flow.find(rolledBack).orElseThrow().status()).isEqualTo(RunStatus.SLEEPING);
		assertThat(actions(rolledBack)).isZero();
	}

	@Test
	void retryFailedRunsRetriesEachFailedRunAtTheStepThatFailedItAndSaysWhyItSkippedTheOthers() {
		BulkWorkflows.upstreamBack = false;
		String first = start("bulk-charge", "one", "bulk-retry-1");
		String second = start("bulk-charge", "two", "bulk-retry-2");
		String broken = start("bulk-broken", "x", "bulk-retry-broken");
		String sleeping = start("sleepy", AN_HOUR, "bulk-retry-sleeping");
		awaitStatus(flow, first, RunStatus.FAILED, WITHIN);
		awaitStatus(flow, second, RunStatus.FAILED, WITHIN);
		awaitStatus(flow, broken, RunStatus.FAILED, WITHIN);
		awaitStatus(flow, sleeping, RunStatus.SLEEPING, WITHIN);
		BulkWorkflows.upstreamBack = true;

		BulkActionResult result = flow.retryFailedRuns(List.of(sleeping, second, broken, first, "bulk-retry-nope"),
				"ops@example.com");

		assertThat(result.done()).containsExactly(first, second);
		assertThat(result.skipped()).containsExactly(entry(broken, Skip.NO_FAILED_STEP),
				entry("bulk-retry-nope", Skip.NOT_FOUND), entry(sleeping, Skip.NOT_FAILED));
		for (String runId : List.of(first, second)) {
			awaitStatus(flow, runId, RunStatus.COMPLETED, WITHIN);
			assertThat(Probe.count(runId, "prepare")).isEqualTo(1);
			assertThat(Probe.count(runId, "charge")).isEqualTo(2);
			assertThat(lastAction(runId)).containsEntry("action", "retry_step")
				.containsEntry("by", "ops@example.com")
				.containsEntry("step", "charge");
		}
		assertThat(flow.find(broken).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
		assertThat(actions(broken)).isZero();
		assertThat(actions(sleeping)).isZero();
		// finished now: a second retry of the same runs changes nothing
		assertThat(flow.retryFailedRuns(List.of(first, second), null).skipped(Skip.NOT_FAILED)).containsExactly(first,
				second);
	}

	private static String start(String workflow, Object input, String runId) {
		return flow.start(workflow, input, StartOptions.builder().runId(runId).build()).runId();
	}

	private static Map<String, Object> lastAction(String runId) {
		return jdbc.queryForMap("SELECT a->>'action' AS action, a->>'by' AS by, a->>'reason' AS reason, "
				+ "a->>'step' AS step FROM durableflow.workflow_runs, "
				+ "jsonb_array_elements(operator_actions) WITH ORDINALITY AS x(a, n) WHERE run_id = ? "
				+ "ORDER BY n DESC LIMIT 1", runId);
	}

	private static int actions(String runId) {
		return jdbc.queryForObject(
				"SELECT jsonb_array_length(operator_actions) FROM durableflow.workflow_runs WHERE run_id = ?",
				Integer.class, runId);
	}

}

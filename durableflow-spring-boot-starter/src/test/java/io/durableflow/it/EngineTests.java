package io.durableflow.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.InvalidRunStateException;
import io.durableflow.RunHandle;
import io.durableflow.RunNotFoundException;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.UnknownWorkflowException;
import io.durableflow.WorkflowError;
import io.durableflow.WorkflowRunView;
import io.durableflow.it.TestWorkflows.Order;
import io.durableflow.it.TestWorkflows.Receipt;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static io.durableflow.it.Contexts.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineTests {

	private static final Duration WITHIN = Duration.ofSeconds(20);

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
	void aThreeStepWorkflowCompletesWithItsTypedOutputAndEachStepRunsOnce() {
		RunHandle run = flow.start(TestWorkflows.ThreeSteps.class, new Order("o-1", 21));
		WorkflowRunView view = awaitStatus(flow, run.runId(), RunStatus.COMPLETED, WITHIN);
		assertThat(view.output(Receipt.class)).isEqualTo(new Receipt("o-1", 42, "order o-1"));
		assertThat(view.workflowName()).isEqualTo("three-steps");
		assertThat(view.finishedAt()).isNotNull();
		assertThat(List.of("double", "note", "audit"))
			.allSatisfy((step) -> assertThat(Probe.count(run.runId(), step)).as(step).isEqualTo(1));
		assertThat(jdbc.queryForList(
				"SELECT name FROM durableflow.workflow_steps WHERE run_id = ? AND status = 'completed' ORDER BY seq",
				String.class, run.runId()))
			.containsExactly("double", "note", "audit");
	}

	@Test
	void aSleepParksTheRunWithoutAThreadAndResumesWithMemoizedSteps() {
		RunHandle run = flow.start("sleepy", 1500L, StartOptions.defaults());
		WorkflowRunView sleeping = awaitStatus(flow, run.runId(), RunStatus.SLEEPING, WITHIN);
		assertThat(sleeping.status()).isEqualTo(RunStatus.SLEEPING);
		assertThat(jdbc.queryForObject("SELECT lease_owner FROM durableflow.workflow_runs WHERE run_id = ?",
				String.class, run.runId()))
			.isNull();
		Map<String, Object> nap = jdbc.queryForMap(
				"SELECT status, wake_at FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'nap'",
				run.runId());
		assertThat(nap.get("status")).isEqualTo("sleeping");
		awaitStatus(flow, run.runId(), RunStatus.COMPLETED, WITHIN);
		assertThat(Probe.count(run.runId(), "before")).isEqualTo(1);
		assertThat(Probe.count(run.runId(), "after")).isEqualTo(1);
		assertThat(
				jdbc.queryForObject("SELECT wake_at FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'nap'",
						Object.class, run.runId()))
			.isEqualTo(nap.get("wake_at"));
	}

	@Test
	void aRetryableFailureIsRetriedWithBackoffUntilItSucceeds() {
		RunHandle run = flow.start("flaky", 2, StartOptions.defaults());
		WorkflowRunView view = awaitStatus(flow, run.runId(), RunStatus.COMPLETED, WITHIN);
		assertThat(view.output(Integer.class)).isEqualTo(3);
		Map<String, Object> step = jdbc.queryForMap(
				"SELECT attempts, status, (extract(epoch FROM completed_at - started_at) * 1000)::bigint AS elapsed "
						+ "FROM durableflow.workflow_steps " + "WHERE run_id = ? AND name = 'call'",
				run.runId());
		assertThat(step.get("attempts")).isEqualTo(3);
		assertThat(step.get("status")).isEqualTo("completed");
		// the backoffs (≥ 50 ms and ≥ 100 ms after jitter) separate the first attempt
		// from the last
		assertThat((Long) step.get("elapsed")).isGreaterThanOrEqualTo(150);
	}

	@Test
	void exhaustedRetriesFailTheStepAndTheRunWithTheStableCode() {
		RunHandle run = flow.start("flaky", 5, StartOptions.defaults());
		WorkflowRunView view = awaitStatus(flow, run.runId(), RunStatus.FAILED, WITHIN);
		assertThat(Probe.count(run.runId(), "call")).isEqualTo(3);
		WorkflowError error = view.error().orElseThrow();
		assertThat(error.code()).isEqualTo("smtp_timeout");
		assertThat(error.retryable()).isTrue();
		assertThat(error.type()).isEqualTo("java.io.IOException");
		assertThat(error.message()).isEqualTo("attempt 3 timed out");
		assertThat(jdbc.queryForObject(
				"SELECT error->>'code' FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'call' AND status = 'failed'",
				String.class, run.runId()))
			.isEqualTo("smtp_timeout");
	}

	@Test
	void aPermanentErrorFailsAtOnceAndNothingAfterItRuns() {
		RunHandle run = flow.start("strict", "nobody", StartOptions.defaults());
		WorkflowRunView view = awaitStatus(flow, run.runId(), RunStatus.FAILED, WITHIN);
		assertThat(Probe.count(run.runId(), "validate")).isEqualTo(1);
		assertThat(Probe.count(run.runId(), "never")).isZero();
		assertThat(view.error()).contains(new WorkflowError("invalid_email", "not an email: nobody", false,
				"java.lang.IllegalArgumentException"));
	}

	@Test
	void aWorkflowCanCatchAFailedStepAndCompensateDurably() {
		RunHandle run = flow.start("compensating", "x", StartOptions.defaults());
		WorkflowRunView view = awaitStatus(flow, run.runId(), RunStatus.COMPLETED, WITHIN);
		assertThat(view.output(String.class)).isEqualTo("compensated:unexpected_error");
		assertThat(Probe.count(run.runId(), "refund")).isEqualTo(1);
	}

	@Test
	void aStepOverItsTimeoutFailsThatAttemptRetryably() {
		RunHandle run = flow.start("slow-step", "x", StartOptions.defaults());
		WorkflowRunView view = awaitStatus(flow, run.runId(), RunStatus.COMPLETED, WITHIN);
		assertThat(view.output(Integer.class)).isEqualTo(2);
		assertThat(jdbc.queryForObject("SELECT attempts FROM durableflow.workflow_steps WHERE run_id = ?",
				Integer.class, run.runId()))
			.isEqualTo(2);
	}

	@Test
	void swallowingTheParkSignalFailsTheRunLoudly() {
		RunHandle run = flow.start("swallower", "x", StartOptions.defaults());
		WorkflowRunView view = awaitStatus(flow, run.runId(), RunStatus.FAILED, WITHIN);
		assertThat(view.error().orElseThrow().message()).contains("swallowed DurableFlow's park signal");
	}

	@Test
	void aStepNameUsedTwiceFailsTheRunWithAClearCode() {
		RunHandle run = flow.start("duplicate-names", "x", StartOptions.defaults());
		WorkflowRunView view = awaitStatus(flow, run.runId(), RunStatus.FAILED, WITHIN);
		assertThat(view.error().orElseThrow().code()).isEqualTo("duplicate_step_name");
		assertThat(Probe.count(run.runId(), "same-2")).isZero();
	}

	@Test
	void startingWithTheSameRunIdReturnsTheExistingRun() {
		StartOptions options = StartOptions.builder().runId("order-77").build();
		RunHandle first = flow.start("three-steps", new Order("77", 1), options);
		RunHandle second = flow.start("three-steps", new Order("77", 1), options);
		assertThat(second.runId()).isEqualTo(first.runId()).isEqualTo("order-77");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE run_id = 'order-77'",
				Integer.class))
			.isEqualTo(1);
		assertThatThrownBy(() -> flow.start("sleepy", 10L, options)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("already belongs to a run of workflow 'three-steps'");
	}

	@Test
	void anUnknownWorkflowNameIsAClearErrorAndStoresNothing() {
		int before = jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs", Integer.class);
		assertThatThrownBy(() -> flow.start("no-such-flow", "x", StartOptions.defaults()))
			.isInstanceOf(UnknownWorkflowException.class)
			.hasMessageContaining("No workflow named 'no-such-flow'")
			.hasMessageContaining("three-steps");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs", Integer.class))
			.isEqualTo(before);
	}

	@Test
	void inputThatDoesNotFitTheWorkflowsTypeIsRefused() {
		assertThatThrownBy(() -> flow.start("sleepy", Map.of("not", "a number"), StartOptions.defaults()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Input for workflow 'sleepy' does not fit its input type");
	}

	@Test
	void cancellingASleepingRunStopsItForGood() {
		RunHandle run = flow.start("sleepy", 60_000L, StartOptions.defaults());
		awaitStatus(flow, run.runId(), RunStatus.SLEEPING, WITHIN);
		flow.cancel(run.runId(), "customer asked");
		WorkflowRunView view = flow.find(run.runId()).orElseThrow();
		assertThat(view.status()).isEqualTo(RunStatus.CANCELLED);
		assertThat(view.error().orElseThrow().message()).isEqualTo("customer asked");
		assertThat(
				jdbc.queryForObject("SELECT status FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'nap'",
						String.class, run.runId()))
			.isEqualTo("cancelled");
		assertThatThrownBy(() -> flow.cancel(run.runId(), "again")).isInstanceOf(InvalidRunStateException.class)
			.hasMessageContaining("is cancelled and cannot be cancelled");
		assertThatThrownBy(() -> flow.cancel("no-such-run", "x")).isInstanceOf(RunNotFoundException.class);
	}

	@Test
	void aStartInsideARolledBackTransactionLeavesNoRun() {
		TransactionTemplate tx = new TransactionTemplate(
				context.getBean(org.springframework.transaction.PlatformTransactionManager.class));
		tx.executeWithoutResult((status) -> {
			flow.start("three-steps", new Order("rolled-back", 1), StartOptions.builder().runId("rolled-back").build());
			status.setRollbackOnly();
		});
		assertThat(flow.find("rolled-back")).isEmpty();
		String committed = tx.execute((status) -> flow
			.start("three-steps", new Order("committed", 1), StartOptions.builder().runId("committed").build())
			.runId());
		awaitStatus(flow, committed, RunStatus.COMPLETED, WITHIN);
	}

	@Test
	void aDelayedStartWaitsForItsDelay() {
		long before = System.nanoTime();
		RunHandle run = flow.start("three-steps", new Order("later", 1),
				StartOptions.builder().delay(Duration.ofMillis(700)).build());
		assertThat(flow.find(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.PENDING);
		awaitStatus(flow, run.runId(), RunStatus.COMPLETED, WITHIN);
		assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
	}

}

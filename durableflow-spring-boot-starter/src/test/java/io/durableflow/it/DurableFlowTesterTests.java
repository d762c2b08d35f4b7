package io.durableflow.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowChange;
import io.durableflow.it.TestWorkflows.Order;
import io.durableflow.it.WaitingWorkflows.Approval;
import io.durableflow.test.TestDatabase;
import io.durableflow.testing.DurableFlowTester;
import io.durableflow.testing.EnableDurableFlowTesting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test helper drives workflows through time deterministically, on the test's thread.
 */
class DurableFlowTesterTests {

	static ConfigurableApplicationContext context;

	static DurableFlow flow;

	static DurableFlowTester tester;

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(TestApp.class, Testing.class).web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + TestDatabase.newDatabase(), "--durableflow.worker.enabled=false",
					"--spring.main.banner-mode=off", "--durableflow.queues.capped.concurrency=1",
					"--durableflow.queues.paced.rate-limit.limit=1", "--durableflow.queues.paced.rate-limit.period=1h");
		flow = context.getBean(DurableFlow.class);
		tester = context.getBean(DurableFlowTester.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void aDaySleepPassesInAnInstantAndNothingRunsUntilTheClockSaysSo() {
		String runId = flow.start("sleepy", Duration.ofDays(1).toMillis(), StartOptions.defaults()).runId();
		tester.runUntilIdle();
		tester.assertRun(runId).isSleepingAt("nap");
		tester.advance(Duration.ofHours(23));
		tester.assertRun(runId).isSleepingAt("nap");
		tester.advanceToNextWakeUp();
		tester.assertRun(runId).hasOutput(String.class, "rested");
		assertThat(Probe.count(runId, "before")).isEqualTo(1);
	}

	@Test
	void retriesAreStepsInTimeAndAttemptsAreCounted() {
		String runId = flow.start("flaky", 2, StartOptions.defaults()).runId();
		tester.runUntilIdle();
		tester.assertRun(runId).hasStatus(io.durableflow.RunStatus.SLEEPING).hasStepAttempts("call", 1);
		tester.advanceToNextWakeUp();
		tester.advanceToNextWakeUp();
		tester.assertRun(runId)
			.hasOutput(Integer.class, 3)
			.hasStepAttempts("call", 3)
			.hasStepResult("call", Integer.class, 3);
	}

	@Test
	void waitsAreCheckedAndEventsDelivered() {
		String runId = flow
			.start("approval", new Approval("doc-t", Duration.ofDays(4).toMillis()), StartOptions.defaults())
			.runId();
		tester.runUntilIdle();
		tester.assertRun(runId).isWaitingForEvent("doc.approved", Map.of("doc", "doc-t"));
		assertThat(tester.notifyAndDrain("doc.approved", Map.of("doc", "doc-t", "by", "erin"))).isEqualTo(1);
		tester.assertRun(runId).hasOutput(String.class, "approved by erin");
	}

	@Test
	void aWaitTimesOutWhenTheClockPassesItsTimeout() {
		String runId = flow
			.start("approval", new Approval("doc-t2", Duration.ofDays(4).toMillis()), StartOptions.defaults())
			.runId();
		tester.runUntilIdle();
		tester.advance(Duration.ofDays(4));
		tester.assertRun(runId).hasOutput(String.class, "timed out");
	}

	@Test
	void failuresAndLogsAreAssertedWithClearMessages() {
		String runId = flow.start("strict", "nobody", StartOptions.defaults()).runId();
		tester.runUntilIdle();
		tester.assertRun(runId).isFailedWithCode("invalid_email");
		assertThatThrownBy(() -> tester.assertRun(runId).isCompleted()).isInstanceOf(AssertionError.class)
			.hasMessageContaining("to be completed; it is failed with error [invalid_email]")
			.hasMessageContaining("validate=failed");
		String chatty = flow.start("chatty", "hi", StartOptions.defaults()).runId();
		tester.runUntilIdle();
		tester.advanceToNextWakeUp();
		tester.assertRun(chatty).isCompleted().hasLog("starting").hasLog("inside the step");
	}

	@Test
	void capturesTheChangesOfWhatItRunsInTheOrderListenersGetThem() {
		String runId = flow.start("chatty", "hi", StartOptions.defaults()).runId();

		List<WorkflowChange> changes = tester.captureChanges(() -> {
			tester.runUntilIdle();
			tester.advanceToNextWakeUp(runId);
		});

		List<WorkflowChange> mine = changes.stream().filter((change) -> runId.equals(change.runId())).toList();
		assertThat(mine).extracting(WorkflowChange::type).contains("workflow_step.created", "workflow_log.created");
		assertThat(mine.get(mine.size() - 1).snapshot()).containsEntry("status", "completed");
		assertThat(tester.captureChanges(() -> {
		})).isEmpty();
	}

	@Test
	void assertsStepsAndLogsAsTheyWereRecorded() {
		String runId = flow.start("chatty", "logged", StartOptions.defaults()).runId();
		tester.runUntilIdle();

		tester.assertRun(runId)
			.hasStepSucceeded("work")
			.hasStepLog("work", "warn", "inside the step")
			.hasLog("info", "starting", Map.of("input", "logged"))
			.hasLog("warn", "inside the step", Map.of());
		assertThatThrownBy(() -> tester.assertRun(runId).hasStepSucceeded("nap")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("step 'nap' succeeded, but it is sleeping");
		assertThatThrownBy(() -> tester.assertRun(runId).hasStepLog("work", "info", "inside the step"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("at info in step 'work'");
		assertThatThrownBy(() -> tester.assertRun(runId).hasLog("info", "starting", Map.of("input", "other")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("{\"input\":\"other\"}");
	}

	@Test
	void advancesToOneRunsWakeUpAndFindsTheLatestRunOfAWorkflow() {
		String soon = flow.start("sleepy", Duration.ofHours(1).toMillis(), StartOptions.defaults()).runId();
		String later = flow.start("sleepy", Duration.ofDays(1).toMillis(), StartOptions.defaults()).runId();
		tester.runUntilIdle();
		assertThat(tester.latestRunOf("sleepy")).contains(later);
		assertThat(tester.latestRunOf("no-such-workflow")).isEmpty();
		java.time.Instant before = tester.clock().instant();

		Optional<java.time.Instant> movedTo = tester.advanceToNextWakeUp(later);

		assertThat(movedTo).hasValueSatisfying((time) -> assertThat(time).isAfter(before.plus(Duration.ofHours(23))));
		tester.assertRun(later).hasOutput(String.class, "rested");
		tester.assertRun(soon).hasOutput(String.class, "rested");
		assertThat(tester.advanceToNextWakeUp(later)).isEmpty();
	}

	@Test
	void runsTheRunsOfQueuesWithLimitsWithinThemByItsClock() {
		String first = flow.start("three-steps", new Order("q-1", 1), StartOptions.builder().queue("capped").build())
			.runId();
		String second = flow.start("three-steps", new Order("q-2", 2), StartOptions.builder().queue("capped").build())
			.runId();
		tester.runUntilIdle();
		tester.assertRun(first).isCompleted();
		tester.assertRun(second).isCompleted();

		String paced = flow.start("three-steps", new Order("p-1", 1), StartOptions.builder().queue("paced").build())
			.runId();
		String held = flow.start("three-steps", new Order("p-2", 2), StartOptions.builder().queue("paced").build())
			.runId();
		tester.runUntilIdle();
		tester.assertRun(paced).isCompleted();
		tester.assertRun(held).hasStatus(io.durableflow.RunStatus.PENDING);
		tester.advance(Duration.ofHours(1));
		tester.assertRun(held).isCompleted();
	}

	@Test
	void clearLeavesAnEmptyEngine() {
		String runId = flow.start("chatty", "gone", StartOptions.defaults()).runId();
		tester.runUntilIdle();

		tester.clear();

		assertThat(flow.find(runId)).isEmpty();
		assertThat(tester.latestRunOf("chatty")).isEmpty();
		assertThat(context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
			.queryForObject(
					"SELECT (SELECT count(*) FROM durableflow.workflow_steps) + (SELECT count(*) FROM "
							+ "durableflow.workflow_logs) + (SELECT count(*) FROM durableflow.workflow_waits)",
					Long.class))
			.isZero();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableDurableFlowTesting
	static class Testing {

	}

}

package io.durableflow.taskgraph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.durableflow.ArtifactRef;
import io.durableflow.DurableFlow;
import io.durableflow.InvalidRunStateException;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.StepGraphView;
import io.durableflow.StepGraphs;
import io.durableflow.WorkflowArtifacts;
import io.durableflow.WorkflowRunView;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Step graphs ({@code GraphWorkflow}) on real PostgreSQL: steps ready together run at the
 * same time and a step starts once all it depends on completed; emitted steps; dedup
 * keys; a failed step stops its dependants and an operator's retry resumes the graph;
 * statuses as {@link StepGraphs} tells them.
 */
class StepGraphTests {

	private static ConfigurableApplicationContext context;

	private static DurableFlow flow;

	private static StepGraphs graphs;

	@BeforeAll
	static void start() {
		context = GraphTestApp.start(TestDatabase.newDatabase(), "durableflow.worker.poll-interval=100ms",
				"durableflow.worker.concurrency=4");
		flow = context.getBean(DurableFlow.class);
		graphs = context.getBean(StepGraphs.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void aDiamondRunsItsMiddleStepsAtTheSameTimeAndItsLastStepOnceBothCompleted() {
		String runId = flow
			.start("steps.diamond", Map.of("barrier", UUID.randomUUID().toString()), StartOptions.defaults())
			.runId();
		WorkflowRunView run = finished(runId);
		assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.COMPLETED);
		// b and c each waited at a barrier of two: only steps running at once pass it
		Map<?, ?> output = run.output(Map.class);
		assertThat(output.get("b")).isEqualTo(Map.of("met", "b"));
		assertThat(output.get("c")).isEqualTo(Map.of("met", "c"));
		assertThat(output.get("d")).isEqualTo(Map.of("b", Map.of("met", "b"), "c", Map.of("met", "c")));
		assertThat(executions(runId, "d")).isEqualTo(1);
		assertThat(statuses(runId)).containsExactly(Map.entry("a", "succeeded"), Map.entry("b", "succeeded"),
				Map.entry("c", "succeeded"), Map.entry("d", "succeeded"));
		StepGraphView view = graphs.graph(runId).orElseThrow();
		assertThat(view.steps().get(3).dependsOn()).containsExactly("b", "c");
		// b and c as child runs of the built-in task workflow, a and d in place
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForList("SELECT workflow_name FROM durableflow.workflow_runs WHERE parent_run_id = ?",
				String.class, runId))
			.containsExactly(TaskCall.NAME, TaskCall.NAME);
	}

	@Test
	void theStepThatFinishedFirstIsTakenFirstNotTheOneStartedFirst() {
		String runId = flow.start("steps.race", Map.of(), StartOptions.defaults()).runId();
		WorkflowRunView run = finished(runId);
		assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.COMPLETED);
		// next ran while slow, started before fast, was still holding
		assertThat(run.output(Map.class).get("next")).isEqualTo(Map.of("holding", true));
	}

	@Test
	void emittedStepsJoinTheGraphDependOnTheirEmitterAndItsSiblingsAndReadTheirResults() {
		String runId = flow.start("steps.emitting", Map.of(), StartOptions.defaults()).runId();
		WorkflowRunView run = finished(runId);
		assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.COMPLETED);
		Map<?, ?> output = run.output(Map.class);
		assertThat(output.get("doubled")).isEqualTo(Map.of("value", 47));
		assertThat(output.get("total")).isEqualTo(Map.of("total", 47));
		StepGraphView view = graphs.graph(runId).orElseThrow();
		assertThat(view.steps()).extracting(StepGraphView.Step::id)
			.containsExactly("side", "source", "doubled", "total");
		assertThat(view.steps().get(2).emittedBy()).isEqualTo("source");
		assertThat(view.steps().get(2).dependsOn()).containsExactly("source", "side");
		assertThat(view.steps()).extracting(StepGraphView.Step::status).containsOnly("succeeded");
	}

	@Test
	void anEmittedIdTheRunHasAlreadyFailsTheEmittingStepForGood() {
		String runId = flow.start("steps.emitting", Map.of("clash", "side"), StartOptions.defaults()).runId();
		WorkflowRunView run = finished(runId);
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.error().orElseThrow().message()).contains("source (duplicate_step_id")
			.contains("emitted step 'side', but the run has a step of that id already (declared by the graph)");
		assertThat(statuses(runId)).containsEntry("source", "failed").containsEntry("side", "succeeded");
	}

	@Test
	void stepsOfOneDedupKeyExecuteOnceAndTheOthersReuseTheFirstsResult() {
		String runId = flow.start("steps.dedup", Map.of(), StartOptions.defaults()).runId();
		WorkflowRunView run = finished(runId);
		assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.COMPLETED);
		Map<?, ?> output = run.output(Map.class);
		assertThat(output.get("first")).isEqualTo(Map.of("page", "home"));
		assertThat(output.get("again")).isEqualTo(Map.of("page", "home"));
		assertThat(output.get("later")).isEqualTo(Map.of("page", "home"));
		assertThat(output.get("other")).isEqualTo(Map.of("page", "about"));
		assertThat(executions(runId, "first")).isEqualTo(1);
		assertThat(executions(runId, "again")).isZero();
		assertThat(executions(runId, "later")).isZero();
		assertThat(executions(runId, "other")).isEqualTo(1);
		assertThat(statuses(runId).values()).containsOnly("succeeded");
	}

	@Test
	void aFailedStepStopsItsDependantsAndAnOperatorsRetryRunsItAgainAndThenThem() {
		StepGraphTestWorkflows.broken.set(true);
		String runId = flow.start("steps.breaking", Map.of(), StartOptions.defaults()).runId();
		WorkflowRunView failed = finished(runId);
		assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
		assertThat(failed.error().orElseThrow().message())
			.isEqualTo("Step graph failed: 1 step(s) failed: bad (broken: broken on purpose); not started: after");
		assertThat(executions(runId, "after")).isZero();
		assertThat(statuses(runId)).containsExactly(Map.entry("start", "succeeded"), Map.entry("ok", "succeeded"),
				Map.entry("bad", "failed"), Map.entry("after", "skipped"));

		StepGraphTestWorkflows.broken.set(false);
		flow.retryStep(runId, "bad");
		WorkflowRunView retried = finished(runId);
		assertThat(retried.status()).as("%s", retried.error()).isEqualTo(RunStatus.COMPLETED);
		assertThat(retried.output(Map.class).get("bad")).isEqualTo(Map.of("fixed", true));
		assertThat(executions(runId, "bad")).isEqualTo(2);
		assertThat(executions(runId, "after")).isEqualTo(1);
		assertThat(executions(runId, "start")).isEqualTo(1);
		assertThat(statuses(runId).values()).containsOnly("succeeded");
		assertThat(flow.timeline(runId).steps()).filteredOn((step) -> step.name().equals("bad"))
			.extracting((step) -> step.status())
			.containsExactly("completed");
	}

	@Test
	void aStepAloneFailsInPlaceAndARetryThatFailsAgainCanBeRetriedOnceMore() {
		StepGraphTestWorkflows.broken.set(true);
		String runId = flow.start("steps.breaking", Map.of("solo", true), StartOptions.defaults()).runId();
		assertThat(finished(runId).status()).isEqualTo(RunStatus.FAILED);
		flow.retryStep(runId, "bad");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> executions(runId, "bad") == 2 && flow.find(runId).orElseThrow().status() == RunStatus.FAILED);
		assertThat(statuses(runId)).containsExactly(Map.entry("bad", "failed"));
		StepGraphTestWorkflows.broken.set(false);
		flow.retryStep(runId, "bad");
		WorkflowRunView run = finished(runId);
		assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.COMPLETED);
		assertThat(executions(runId, "bad")).isEqualTo(3);
		assertThat(statuses(runId)).containsExactly(Map.entry("bad", "succeeded"));
	}

	@Test
	void aFailedStepWithADedupKeyRunsAgainWhenRetriedAndThenItsDependants() {
		StepGraphTestWorkflows.broken.set(true);
		String runId = flow.start("steps.breaking", Map.of("dedup", true), StartOptions.defaults()).runId();
		assertThat(finished(runId).status()).isEqualTo(RunStatus.FAILED);
		StepGraphTestWorkflows.broken.set(false);
		flow.retryStep(runId, "bad");
		WorkflowRunView run = finished(runId);
		// before: the retried step took its own key for another's, never ran, and the run
		// completed without it
		assertThat(run.status()).as("%s", run.error()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.output(Map.class).get("bad")).isEqualTo(Map.of("fixed", true));
		assertThat(executions(runId, "bad")).isEqualTo(2);
		assertThat(executions(runId, "after")).isEqualTo(1);
	}

	@Test
	void aLoneStepsInPlaceAttemptIsNotRetriedOnlyTheStepItselfIs() {
		StepGraphTestWorkflows.broken.set(true);
		String runId = flow.start("steps.breaking", Map.of("solo", true), StartOptions.defaults()).runId();
		assertThat(finished(runId).status()).isEqualTo(RunStatus.FAILED);
		assertThat(flow.timeline(runId).steps()).extracting((step) -> step.name()).contains("bad.run", "bad");
		assertThatThrownBy(() -> flow.retryStep(runId, "bad.run")).isInstanceOf(InvalidRunStateException.class)
			.hasMessageContaining("is an attempt of the step graph's step 'bad'; retry 'bad' instead");
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
		StepGraphTestWorkflows.broken.set(false);
		flow.retryStep(runId, "bad");
		assertThat(finished(runId).status()).isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	void anEmittedStepOfAnActionNotRegisteredFailsItsEmitterNamingBoth() {
		String runId = flow.start("steps.emitting", Map.of("unknownAction", "test.nope"), StartOptions.defaults())
			.runId();
		WorkflowRunView run = finished(runId);
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.error().orElseThrow().message()).contains("source (invalid_step: Step 'source' emitted step "
				+ "'stray', which runs action 'test.nope', an action that is not registered)");
		// the graph took none of source's steps: none will run, none is shown as if it
		// would (stray, depending on nothing, read as pending)
		assertThat(statuses(runId)).containsExactly(Map.entry("side", "succeeded"), Map.entry("source", "failed"));
	}

	@Test
	void aRefusedEmissionIsNoPartOfTheGraphAndAfterARetryOnlyWhatTheRetryEmittedIs() {
		StepGraphTestWorkflows.broken.set(true);
		String runId = flow.start("steps.emitting", Map.of("strayWhileBroken", true), StartOptions.defaults()).runId();
		WorkflowRunView failed = finished(runId);
		assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
		assertThat(failed.error().orElseThrow().message()).contains("source (invalid_step: ");
		assertThat(statuses(runId)).containsExactly(Map.entry("side", "succeeded"), Map.entry("source", "failed"));

		StepGraphTestWorkflows.broken.set(false);
		flow.retryStep(runId, "source");
		WorkflowRunView retried = finished(runId);
		assertThat(retried.status()).as("%s", retried.error()).isEqualTo(RunStatus.COMPLETED);
		assertThat(flow.timeline(runId).steps()).extracting((step) -> step.name()).contains("source#2.start");
		// the first attempt's stray is not a step the graph ever had: not pending in a
		// completed run
		assertThat(statuses(runId)).containsExactly(Map.entry("side", "succeeded"), Map.entry("source", "succeeded"),
				Map.entry("doubled", "succeeded"), Map.entry("total", "succeeded"));
		assertThat(retried.output(Map.class).keySet()).containsExactlyInAnyOrder("side", "source", "doubled", "total");
	}

	@Test
	void aStepOfAnActionWithAQueueRecordsThatQueueAndRunsInItAsAChildRunAlsoWhenAlone() {
		String runId = flow.start("steps.laned", Map.of(), StartOptions.defaults()).runId();
		assertThat(finished(runId).status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(flow.timeline(runId).steps()).extracting((step) -> step.name())
			.contains("solo.start", "echo.start")
			.doesNotContain("solo.run", "echo.run");
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForList("SELECT queue FROM durableflow.workflow_runs WHERE parent_run_id = ?",
				String.class, runId))
			.containsExactly("lane", "lane");
		// the queue is in what the graph recorded, so that a replay decides alike after
		// the action's queue changed
		assertThat(jdbc.queryForObject("SELECT result->'steps'->0->>'queue' FROM durableflow.workflow_steps "
				+ "WHERE run_id = ? AND name = 'graph.build'", String.class, runId))
			.isEqualTo("lane");
	}

	@Test
	void stepsReadyTogetherStartInOneTransactionSoOneThatCannotStartStartsNone() {
		String runId = flow.start("steps.misqueued", Map.of(), StartOptions.defaults()).runId();
		WorkflowRunView run = finished(runId);
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.error().orElseThrow().message()).contains("Queue 'nowhere' is not declared");
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE parent_run_id = ?",
				Integer.class, runId))
			.as("child runs")
			.isZero();
		assertThat(flow.timeline(runId).steps()).extracting((step) -> step.name()).doesNotContain("fine.start");
	}

	@Test
	void theFilesItsStepsStoreBelongToTheGraphsRunWhereverTheStepsRan() {
		String runId = flow.start("steps.files", Map.of(), StartOptions.defaults()).runId();
		assertThat(finished(runId).status()).isEqualTo(RunStatus.COMPLETED);
		// a and b ran as child runs of their own, c in place: all three on the graph's
		// run
		assertThat(flow.timeline(runId).steps()).extracting((step) -> step.name()).contains("a.start", "c.run");
		assertThat(context.getBean(WorkflowArtifacts.class).list(runId))
			.extracting(ArtifactRef::name, ArtifactRef::stepName)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a.txt", "a"),
					org.assertj.core.groups.Tuple.tuple("b.txt", "b"),
					org.assertj.core.groups.Tuple.tuple("c.txt", "c"));
	}

	@Test
	void aGraphWhoseStepDependsOnAStepNotDeclaredBeforeItFailsTheRunNamingBoth() {
		String runId = flow.start("steps.invalid", Map.of(), StartOptions.defaults()).runId();
		WorkflowRunView run = finished(runId);
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.error().orElseThrow().code()).isEqualTo("invalid_graph");
		assertThat(run.error().orElseThrow().message())
			.isEqualTo("Step 'first' depends on 'second', which is not declared before it");
		assertThat(graphs.graph(runId)).isEmpty();
	}

	@Test
	void aCancelledGraphCancelsItsRunningStepsAndStartsNothingMore() {
		String runId = flow.start("steps.wide", Map.of("width", 3), StartOptions.defaults()).runId();
		await().atMost(Duration.ofSeconds(20)).until(() -> GraphTestApp.Hold.running.get() > 0);
		flow.cancel(runId, "enough");
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.queryForObject(
					"SELECT count(*) FROM durableflow.workflow_runs WHERE parent_run_id = ? "
							+ "AND status IN ('pending', 'running', 'sleeping', 'waiting')",
					Integer.class, runId) == 0);
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
		Map<String, String> statuses = statuses(runId);
		assertThat(statuses.get("top")).isEqualTo("succeeded");
		assertThat(statuses.get("hold[0]")).isIn("cancelled", "succeeded");
		assertThat(statuses.get("bottom")).isIn("pending", "skipped");
		assertThat(executions(runId, "bottom")).isZero();
	}

	@Test
	void aCodeWorkflowsRunHasNoStepGraph() {
		// a task call as recorded before step graphs (no dependencies, no graph flag)
		// still reads
		assertThat(graphs
			.graph(flow
				.start(TaskCall.NAME,
						Map.of("step", "x", "action", "core.noop", "maxAttempts", 1, "backoffMillis", 1000,
								"multiplier", 1.0, "linear", false, "maxBackoffMillis", 1000),
						StartOptions.defaults())
				.runId()))
			.isEmpty();
	}

	private static WorkflowRunView finished(String runId) {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			WorkflowRunView run = flow.find(runId).orElseThrow();
			return run.status().isTerminal();
		});
		return flow.find(runId).orElseThrow();
	}

	private static Map<String, String> statuses(String runId) {
		Map<String, String> statuses = new LinkedHashMap<>();
		graphs.graph(runId).orElseThrow().steps().forEach((step) -> statuses.put(step.id(), step.status()));
		return statuses;
	}

	/**
	 * How often the counting actions ran step {@code step} of the run, in place or as a
	 * child run.
	 */
	static int executions(String runId, String step) {
		List<Integer> counts = new ArrayList<>();
		GraphTestApp.calls.forEach((key, count) -> {
			if (key.equals(runId + "/" + step) || (key.startsWith(runId + "/") && key.endsWith("/" + step))) {
				counts.add(count.get());
			}
		});
		return counts.stream().mapToInt(Integer::intValue).sum();
	}

}

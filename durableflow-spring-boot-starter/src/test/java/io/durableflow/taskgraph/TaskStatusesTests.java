package io.durableflow.taskgraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.definition.yaml.DefinitionParser;
import io.durableflow.definition.yaml.ParsedDefinition;
import io.durableflow.definition.yaml.WorkflowDefinitionModel;
import io.durableflow.taskgraph.TaskStatuses.Child;
import io.durableflow.taskgraph.TaskStatuses.Step;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Task statuses told from a run's steps, named as {@link TaskGraphRun} names them; the
 * steps here are written as the engine records them.
 */
class TaskStatusesTests {

	static final DefinitionParser PARSER = new DefinitionParser();

	static final WorkflowDefinitionModel SEQUENCE = model("""
			tasks:
			  - name: prepare
			    action: core.echo
			    on_success: ask
			  - name: ask
			    action: core.inquiry
			    on_success: publish
			  - name: publish
			    action: core.echo
			""");

	final List<Step> steps = new ArrayList<>();

	final Map<String, Child> children = new HashMap<>();

	@Test
	void aSequenceIsSucceededUpToItsInquiryWhichWaitsAndPendingAfterIt() {
		step("prepare", "step", "completed", Map.of("doc", "a"), null);
		step("ask", "wait", "waiting", null, null);
		assertThat(statuses(SEQUENCE, false)).containsExactly(entry("prepare", "succeeded"), entry("ask", "waiting"),
				entry("publish", "pending"));
	}

	@Test
	void anAnsweredInquirySucceedsAndOneNotAnsweredInTimeTimesOut() {
		step("prepare", "step", "completed", null, null);
		step("ask", "wait", "completed", Map.of("matched", true, "payload", Map.of("approved", true)), null);
		step("publish", "step", "completed", null, null);
		assertThat(statuses(SEQUENCE, true)).containsOnly(entry("prepare", "succeeded"), entry("ask", "succeeded"),
				entry("publish", "succeeded"));
		this.steps.clear();
		step("prepare", "step", "completed", null, null);
		step("ask", "wait", "completed", Map.of("matched", false), null);
		assertThat(statuses(SEQUENCE, true)).containsEntry("ask", "timed_out").containsEntry("publish", "pending");
	}

	@Test
	void aStepRetryingIsRunningAFailureIsFailedATimeoutTimedOutASkipSkipped() {
		step("prepare", "step", "retrying", null, "flaky");
		assertThat(statuses(SEQUENCE, false)).containsEntry("prepare", "running");
		this.steps.clear();
		step("prepare", "step", "failed", null, "broken");
		assertThat(statuses(SEQUENCE, true)).containsEntry("prepare", "failed");
		this.steps.clear();
		step("prepare", "step", "failed", null, "template_error");
		assertThat(statuses(SEQUENCE, true)).containsEntry("prepare", "failed");
		this.steps.clear();
		step("prepare", "step", "failed", null, "step_timeout");
		assertThat(statuses(SEQUENCE, true)).containsEntry("prepare", "timed_out");
		this.steps.clear();
		step("prepare", "step", "completed", Map.of("skipped", true, "when", "{{ false }}"), null);
		assertThat(statuses(SEQUENCE, true)).containsEntry("prepare", "skipped")
			.containsEntry("ask", "pending")
			.containsEntry("publish", "pending");
	}

	@Test
	void whatWasRunningOrWaitingWhenTheRunEndedWasCancelled() {
		step("prepare", "step", "completed", null, null);
		step("ask", "wait", "waiting", null, null);
		assertThat(statuses(SEQUENCE, true)).containsEntry("prepare", "succeeded").containsEntry("ask", "cancelled");
	}

	static final WorkflowDefinitionModel TOGETHER = model("""
			tasks:
			  - name: left
			    action: core.echo
			  - name: right
			    action: core.echo
			  - name: nested
			    type: workflow
			    action: tests.other
			    timeout: 60
			""");

	@Test
	void aTaskRunAsAChildRunsUntilItsChildEndsEvenBeforeTheRunTakesTheOutcome() {
		child("left", "run-1/left");
		child("right", "run-1/right");
		run("run-1/left", "running", null);
		run("run-1/right", "completed", null);
		step("left.done", "wait", "waiting", null, null);
		assertThat(statuses(TOGETHER, false)).containsEntry("left", "running").containsEntry("right", "succeeded");

		run("run-1/left", "failed", "step_timeout");
		assertThat(statuses(TOGETHER, false)).containsEntry("left", "timed_out");
		run("run-1/left", "failed", "broken");
		assertThat(statuses(TOGETHER, false)).containsEntry("left", "failed");
	}

	@Test
	void aTaskRunAsAChildIsWhatItsWaitRecorded() {
		child("left", "run-1/left");
		child("right", "run-1/right");
		run("run-1/left", "running", null);
		step("left.done", "wait", "completed", finished("completed", null), null);
		step("right.done", "wait", "completed", finished("failed", "step_timeout"), null);
		assertThat(statuses(TOGETHER, false)).containsEntry("left", "succeeded").containsEntry("right", "timed_out");
	}

	@Test
	void aWorkflowTaskFailsWithItsChildWhateverTheCodeAndTimesOutWhenItsWaitDoes() {
		child("nested", "run-1/nested");
		step("nested.done", "wait", "completed", finished("failed", "step_timeout"), null);
		assertThat(statuses(TOGETHER, true)).containsEntry("nested", "failed")
			.containsEntry("left", "pending")
			.containsEntry("right", "pending");
		this.steps.clear();
		child("nested", "run-1/nested");
		step("nested.done", "wait", "completed", Map.of("matched", false), null);
		assertThat(statuses(TOGETHER, true)).containsEntry("nested", "timed_out");
	}

	static final WorkflowDefinitionModel ITEMS = model("""
			tasks:
			  - name: each
			    action: core.echo
			    with_items: "{{ parameters.items }}"
			    on_complete: after
			  - name: after
			    action: core.echo
			""");

	@Test
	void aWithItemsTaskRunsWhileItsItemsDoAndFailsOnceTheyEndedIfOneFailed() {
		step("each[0]", "step", "completed", null, null);
		step("each[1]", "step", "retrying", null, "flaky");
		assertThat(statuses(ITEMS, false)).containsEntry("each", "running");
		this.steps.clear();
		step("each[0]", "step", "completed", null, null);
		step("each[1]", "step", "failed", null, "broken");
		// more items may follow: the run went on to no other task yet
		assertThat(statuses(ITEMS, false)).containsEntry("each", "running").containsEntry("after", "pending");
		step("after", "step", "completed", null, null);
		assertThat(statuses(ITEMS, false)).containsEntry("each", "failed").containsEntry("after", "succeeded");
	}

	@Test
	void aWithItemsTaskSucceedsWhenEveryItemDidAndTimesOutWhenEveryFailureWasATimeout() {
		step("each[0]", "step", "completed", null, null);
		step("each[1]", "step", "completed", null, null);
		assertThat(statuses(ITEMS, true)).containsEntry("each", "succeeded");
		this.steps.clear();
		step("each[0]", "step", "completed", null, null);
		step("each[1]", "step", "failed", null, "step_timeout");
		assertThat(statuses(ITEMS, true)).containsEntry("each", "timed_out");
	}

	@Test
	void concurrentItemsAreChildRunsTheTaskRunsWhileOneIs() {
		child("each[0]", "run-1/each[0]");
		child("each[1]", "run-1/each[1]");
		step("each[0].done", "wait", "completed", finished("completed", null), null);
		step("each[1].done", "wait", "waiting", null, null);
		run("run-1/each[1]", "sleeping", null);
		assertThat(statuses(ITEMS, false)).containsEntry("each", "running");
		run("run-1/each[1]", "completed", null);
		step("after", "step", "completed", null, null);
		assertThat(statuses(ITEMS, false)).containsEntry("each", "succeeded");
	}

	@Test
	void aWithItemsTaskSkippedOrWhoseItemsFailedToRenderIsItsOwnStep() {
		step("each", "step", "completed", Map.of("skipped", true), null);
		assertThat(statuses(ITEMS, true)).containsEntry("each", "skipped");
		this.steps.clear();
		step("each", "step", "failed", null, "template_error");
		assertThat(statuses(ITEMS, true)).containsEntry("each", "failed");
	}

	static final WorkflowDefinitionModel GROUP = model("""
			tasks:
			  - name: both
			    type: parallel
			    tasks:
			      - name: one
			        action: core.echo
			      - name: two
			        action: core.echo
			        on_failure: repair
			      - name: repair
			        action: core.echo
			    on_complete: last
			  - name: last
			    action: core.echo
			""");

	@Test
	void aParallelGroupIsPendingRunningThenSucceededOrFailedFromItsSubTasks() {
		assertThat(statuses(GROUP, false)).containsOnly(entry("both", "pending"), entry("one", "pending"),
				entry("two", "pending"), entry("repair", "pending"), entry("last", "pending"));
		child("one", "run-1/one");
		child("two", "run-1/two");
		run("run-1/one", "running", null);
		assertThat(statuses(GROUP, false)).containsEntry("both", "running").containsEntry("one", "running");
		run("run-1/one", "completed", null);
		run("run-1/two", "completed", null);
		step("one.done", "wait", "completed", finished("completed", null), null);
		step("two.done", "wait", "completed", finished("completed", null), null);
		step("last", "step", "completed", null, null);
		assertThat(statuses(GROUP, true)).containsEntry("both", "succeeded").containsEntry("repair", "pending");
	}

	@Test
	void aParallelGroupFailsWhenASubTaskFailedWithNoSuccessorReachedNotWhenItsFailureWasHandled() {
		child("one", "run-1/one");
		child("two", "run-1/two");
		step("one.done", "wait", "completed", finished("failed", "broken"), null);
		step("two.done", "wait", "completed", finished("completed", null), null);
		assertThat(statuses(GROUP, true)).containsEntry("one", "failed").containsEntry("both", "failed");
		this.steps.clear();
		child("one", "run-1/one");
		child("two", "run-1/two");
		step("one.done", "wait", "completed", finished("completed", null), null);
		step("two.done", "wait", "completed", finished("failed", "broken"), null);
		step("repair", "step", "completed", null, null);
		step("last", "step", "completed", null, null);
		assertThat(statuses(GROUP, true)).containsEntry("two", "failed")
			.containsEntry("repair", "succeeded")
			.containsEntry("both", "succeeded");
	}

	@Test
	void aParallelGroupWhoseSubTasksEndedRunsUntilTheRunGoesOnSinceMoreMayFollow() {
		child("one", "run-1/one");
		child("two", "run-1/two");
		step("one.done", "wait", "completed", finished("completed", null), null);
		step("two.done", "wait", "completed", finished("failed", "broken"), null);
		// repair runs in place now: its first attempt is recorded when it ends
		assertThat(statuses(GROUP, false)).containsEntry("both", "running").containsEntry("repair", "pending");
	}

	private Map<String, String> statuses(WorkflowDefinitionModel model, boolean runFinished) {
		return TaskStatuses.of(model, this.steps, this.children, runFinished);
	}

	private void step(String name, String kind, String status, @Nullable Object result, @Nullable String code) {
		this.steps.add(new Step(name, this.steps.size(), kind, status, result, code));
	}

	private void child(String task, String childId) {
		step(task, "child", "completed", childId, null);
	}

	private void run(String runId, String status, @Nullable String code) {
		this.children.put(runId, new Child(status, code));
	}

	/** A child's outcome as its waiter records it. */
	private static Map<String, Object> finished(String status, @Nullable String code) {
		Map<String, Object> payload = new HashMap<>();
		payload.put("status", status);
		payload.put("error", (code != null) ? Map.of("code", code, "message", "it failed") : null);
		payload.put("output", null);
		return Map.of("matched", true, "payload", payload);
	}

	private static WorkflowDefinitionModel model(String tasks) {
		ParsedDefinition parsed = PARSER.parse("test.yaml", "ref: tests.statuses\nversion: \"1\"\n" + tasks);
		assertThat(parsed.errors()).as("problems of the test definition").isEmpty();
		return parsed.model();
	}

}

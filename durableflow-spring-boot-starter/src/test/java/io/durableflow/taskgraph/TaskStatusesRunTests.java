package io.durableflow.taskgraph;

import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunNotFoundException;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.test.TestDatabase;
import io.durableflow.testing.DurableFlowTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@link WorkflowDefinitions#taskStatuses} of real runs on PostgreSQL, executed by the
 * tester one execution at a time: what each task is as the run goes on, at the revision
 * the run pinned.
 */
class TaskStatusesRunTests {

	static final String REVIEW = """
			ref: graph.review
			version: "1"
			tasks:
			  - name: prepare
			    action: test.count
			    on_success: [ask, maybe]
			  - name: maybe
			    action: core.echo
			    when: "{{ false }}"
			  - name: ask
			    action: core.inquiry
			    on_success: each
			  - name: each
			    action: test.fail
			    with_items: "{{ parameters.items }}"
			    concurrency: 2
			    retry:
			      count: 1
			      delay: 10
			    input:
			      fail: "{{ item == 'bad' }}"
			      failUntil: 2
			    on_complete: publish
			  - name: publish
			    action: test.count
			""";

	static ConfigurableApplicationContext context;

	static DurableFlow flow;

	static WorkflowDefinitions definitions;

	static DurableFlowTester tester;

	@BeforeAll
	static void start() {
		context = GraphTestApp.start(TestDatabase.newDatabase(), "durableflow.worker.enabled=false");
		flow = context.getBean(DurableFlow.class);
		definitions = context.getBean(WorkflowDefinitions.class);
		tester = context.getBean(DurableFlowTester.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void eachTaskGoesFromPendingToItsOutcomeAsTheRunGoesOn() {
		register(REVIEW);
		String runId = flow.start("graph.review", Map.of("items", List.of("a", "bad")), StartOptions.defaults())
			.runId();
		assertThat(definitions.taskStatuses(runId)).containsExactly(entry("prepare", "pending"),
				entry("maybe", "pending"), entry("ask", "pending"), entry("each", "pending"),
				entry("publish", "pending"));

		tester.runUntilIdle();
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.WAITING);
		assertThat(definitions.taskStatuses(runId)).containsExactly(entry("prepare", "succeeded"),
				entry("maybe", "pending"), entry("ask", "waiting"), entry("each", "pending"),
				entry("publish", "pending"));

		// answered: the skip is recorded, item "bad" fails at once, item "a" waits for
		// its
		// retry in a child run of its own
		flow.notify("durableflow.inquiry", Map.of("run_id", runId, "step", "ask"));
		tester.runUntilIdle();
		assertThat(definitions.taskStatuses(runId)).containsExactly(entry("prepare", "succeeded"),
				entry("maybe", "skipped"), entry("ask", "succeeded"), entry("each", "running"),
				entry("publish", "pending"));

		tester.advanceToNextWakeUp();
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(definitions.taskStatuses(runId)).containsExactly(entry("prepare", "succeeded"),
				entry("maybe", "skipped"), entry("ask", "succeeded"), entry("each", "failed"),
				entry("publish", "succeeded"));
		// an item's child run is no run of a stored definition
		assertThat(definitions.taskStatuses(runId + "/each[0]")).isEmpty();
	}

	@Test
	void aRunIsToldAtTheRevisionItPinnedNotTheCurrentOne() {
		register(REVIEW.replace("graph.review", "graph.pinned"));
		String runId = flow.start("graph.pinned", Map.of("items", List.of()), StartOptions.defaults()).runId();
		tester.runUntilIdle();
		register(REVIEW.replace("graph.review", "graph.pinned")
			.replace("  - name: publish", "  - name: extra\n    action: core.noop\n  - name: publish"));
		assertThat(definitions.find("graph.pinned").orElseThrow().revision()).isEqualTo(2);
		assertThat(flow.find(runId).orElseThrow().definitionRevision()).isEqualTo(1);
		assertThat(definitions.taskStatuses(runId)).doesNotContainKey("extra").containsEntry("ask", "waiting");

		String later = flow.start("graph.pinned", Map.of("items", List.of()), StartOptions.defaults()).runId();
		assertThat(flow.find(later).orElseThrow().definitionRevision()).isEqualTo(2);
		assertThat(definitions.taskStatuses(later)).containsEntry("extra", "pending");
	}

	@Test
	void anUnknownRunIsRefused() {
		assertThatExceptionOfType(RunNotFoundException.class).isThrownBy(() -> definitions.taskStatuses("no-such-run"))
			.withMessageContaining("no-such-run");
	}

	static void register(String yaml) {
		GraphTestApp.register(yaml, context);
	}

}

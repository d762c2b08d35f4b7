package io.durableflow.taskgraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.test.TestDatabase;
import io.durableflow.testing.DurableFlowTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * YAML task graphs run on the engine (DEFINITIONS.md, "Running" and "Templates"), on real
 * PostgreSQL, executed by the tester one execution at a time.
 */
class TaskGraphTests {

	static ConfigurableApplicationContext context;

	static DurableFlow flow;

	static DurableFlowTester tester;

	static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		context = GraphTestApp.start(TestDatabase.newDatabase(), "durableflow.worker.enabled=false");
		flow = context.getBean(DurableFlow.class);
		tester = context.getBean(DurableFlowTester.class);
		jdbc = context.getBean(JdbcTemplate.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	static void register(String yaml) {
		GraphTestApp.register(yaml, context);
	}

	static WorkflowRunView run(String ref, Map<String, ?> parameters) {
		String runId = flow.start(ref, parameters, StartOptions.defaults()).runId();
		tester.runUntilIdle();
		return flow.find(runId).orElseThrow();
	}

	static List<String> steps(String runId) {
		return jdbc.queryForList("SELECT name FROM durableflow.workflow_steps WHERE run_id = ? ORDER BY seq",
				String.class, runId);
	}

	@Test
	void attunesSimpleExampleRunsToItsOutputMap() throws IOException {
		register(new ClassPathResource("attune-examples/simple-workflow.yaml")
			.getContentAsString(StandardCharsets.UTF_8));
		WorkflowRunView run = run("examples.simple_sequential_workflow", Map.of("message", "hello", "uppercase", true));
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.output(Map.class))
			.isEqualTo(Map.of("original", "hello", "processed", "HELLO", "final", "Workflow complete. Result: HELLO"));
		assertThat(steps(run.runId())).containsExactly("log_input", "process_message", "finalize");
	}

	@Test
	void aDecisionTakesOneBranchItsElseOnlyWhenNoOtherFiredAndAFalseWhenSkipsATask() {
		register("""
				ref: graph.branching
				version: "1"
				vars:
				  count: 0
				tasks:
				  - name: measure
				    action: test.count
				    input:
				      size: "{{ parameters.size }}"
				    next:
				      - when: "{{ succeeded() and result().size >= 0 }}"
				        publish:
				          - count: "{{ result().size }}"
				        do: [router]
				  - name: router
				    action: core.noop
				    decision:
				      - when: "{{ vars.count > 10 }}"
				        next: big
				      - default: small
				  - name: big
				    action: core.echo
				    input:
				      kind: big
				  - name: small
				    action: core.echo
				    input:
				      kind: small
				      n: "{{ count }}"
				  - name: audit
				    action: core.echo
				    when: "{{ parameters.size < 0 }}"
				output_map:
				  count: "{{ count }}"
				  label: "counted {{ count }}"
				""");
		WorkflowRunView big = run("graph.branching", Map.of("size", 20));
		assertThat(big.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(big.output(Map.class)).isEqualTo(Map.of("count", 20, "label", "counted 20"));
		// measure and audit are both entry tasks: measure runs as a child run beside
		// audit
		assertThat(steps(big.runId())).containsExactly("measure", "audit", "measure.done", "router", "big");
		assertThat(jdbc.queryForObject(
				"SELECT result::text FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'audit'", String.class,
				big.runId()))
			.contains("\"skipped\": true");
		WorkflowRunView small = run("graph.branching", Map.of("size", 3));
		assertThat(steps(small.runId())).containsExactly("measure", "audit", "measure.done", "router", "small");
		assertThat(jdbc.queryForObject(
				"SELECT result::text FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'small'", String.class,
				small.runId()))
			.isEqualTo("{\"n\": 3, \"kind\": \"small\"}");
	}

	@Test
	void aFailureHandledByATransitionCompletesTheRunAndAnUnhandledOneFailsItNamingTheTask() {
		register("""
				ref: graph.handled
				version: "1"
				tasks:
				  - name: breaks
				    action: test.fail
				    input:
				      fail: true
				    on_failure: cleanup
				  - name: cleanup
				    action: core.echo
				    input:
				      code: "{{ task.breaks.error.code }}"
				""");
		WorkflowRunView handled = run("graph.handled", Map.of());
		assertThat(handled.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(handled.output(Map.class)).isEqualTo(Map.of("succeeded", true));
		assertThat(jdbc.queryForObject(
				"SELECT result::text FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'cleanup'",
				String.class, handled.runId()))
			.isEqualTo("{\"code\": \"broken\"}");
		register("""
				ref: graph.unhandled
				version: "1"
				tasks:
				  - name: breaks
				    action: test.fail
				    input:
				      fail: true
				    on_success: after
				  - name: also_breaks
				    action: test.fail
				    input:
				      fail: true
				  - name: after
				    action: core.noop
				""");
		WorkflowRunView unhandled = run("graph.unhandled", Map.of());
		assertThat(unhandled.status()).isEqualTo(RunStatus.FAILED);
		assertThat(unhandled.error().orElseThrow().code()).isEqualTo("workflow_failed");
		assertThat(unhandled.error().orElseThrow().message())
			.isEqualTo("Workflow failed: 2 task(s) failed: breaks, also_breaks");
		// two entry tasks run at the same time, each a child run: started, then awaited
		assertThat(steps(unhandled.runId())).containsExactly("breaks", "also_breaks", "breaks.done",
				"also_breaks.done");
	}

	@Test
	void withItemsRunsEachItemAsAStepAndFailsIfAnyFailedWhileZeroItemsSucceedAtOnce() {
		register("""
				ref: graph.items
				version: "1"
				tasks:
				  - name: each
				    action: test.fail
				    with_items: "{{ parameters.items }}"
				    input:
				      fail: "{{ item == 'bad' }}"
				      at: "{{ index }}"
				    next:
				      - when: "{{ failed() }}"
				        publish:
				          - failed_at: "{{ task.each.failed_items | map(attribute='index') | list }}"
				        do: [report]
				      - when: "{{ succeeded() }}"
				        do: [report]
				  - name: report
				    action: core.echo
				    input:
				      results: "{{ task.each.results | length }}"
				output_map:
				  failed_at: "{{ failed_at | default([]) }}"
				  results: "{{ task.report.result.results }}"
				""");
		WorkflowRunView some = run("graph.items", Map.of("items", List.of("a", "bad", "c")));
		assertThat(some.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(some.output(Map.class)).isEqualTo(Map.of("failed_at", List.of(1), "results", 3));
		assertThat(steps(some.runId())).containsExactly("each[0]", "each[1]", "each[2]", "report");
		WorkflowRunView none = run("graph.items", Map.of("items", List.of()));
		assertThat(none.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(none.output(Map.class)).isEqualTo(Map.of("failed_at", List.of(), "results", 0));
		assertThat(steps(none.runId())).containsExactly("report");
	}

	@Test
	void withConcurrencyEachItemIsAChildRunAndTheOutcomeIsTheSame() {
		register("""
				ref: graph.concurrent_items
				version: "1"
				tasks:
				  - name: each
				    action: test.fail
				    with_items: "{{ parameters.items }}"
				    concurrency: 2
				    input:
				      fail: "{{ item == 'bad' }}"
				    on_failure: report
				  - name: report
				    action: core.echo
				    input:
				      failed: "{{ task.each.failed_items | map(attribute='index') | list }}"
				      code: "{{ (task.each.failed_items | first).error.code }}"
				      results: "{{ task.each.results | length }}"
				""");
		WorkflowRunView run = run("graph.concurrent_items", Map.of("items", List.of("a", "bad", "c", "d")));
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		// item i starts once item i - 2 has ended
		assertThat(steps(run.runId())).containsExactly("each[0]", "each[1]", "each[0].done", "each[2]", "each[1].done",
				"each[3]", "each[2].done", "each[3].done", "report");
		assertThat(jdbc.queryForObject(
				"SELECT result::text FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'report'",
				String.class, run.runId()))
			.isEqualTo("{\"code\": \"broken\", \"failed\": [1], \"results\": 4}");
		assertThat(jdbc.queryForList("SELECT status FROM durableflow.workflow_runs WHERE parent_run_id = ? "
				+ "AND workflow_name = 'durableflow.task' ORDER BY run_id", String.class, run.runId()))
			.containsExactly("completed", "failed", "completed", "completed");
		assertThat(GraphTestApp.calls(run.runId() + "/each[1]", "each[1]")).isEqualTo(1);
	}

	@Test
	void aJoinWaitsForItsInboundTasksAndEveryTaskRunsOnceAParallelGroupSucceedsWhenAllItsSubTasksDo() {
		register("""
				ref: graph.diamond
				version: "1"
				tasks:
				  - name: a
				    action: test.count
				    input: {}
				    on_success: [b, c]
				  - name: b
				    action: test.count
				    input: {}
				    on_success: d
				  - name: c
				    type: parallel
				    tasks:
				      - name: c1
				        action: test.count
				        input:
				          n: 1
				      - name: c2
				        action: test.count
				        input:
				          n: 2
				    on_success: d
				  - name: d
				    action: test.count
				    join: 2
				    input:
				      from_c: "{{ task.c.result.c2.n }}"
				    on_success: b
				""");
		WorkflowRunView run = run("graph.diamond", Map.of());
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		// b and the group c are ready together: b runs as a child run while the group
		// runs, and so do c1 and c2 within it; a back-edge (d -> b) does nothing: every
		// task ran once
		assertThat(steps(run.runId())).containsExactly("a", "b", "c1", "c2", "c1.done", "c2.done", "b.done", "d");
		for (String task : List.of("a", "d")) {
			assertThat(GraphTestApp.calls(run.runId(), task)).as(task).isEqualTo(1);
		}
		for (String task : List.of("b", "c1", "c2")) {
			assertThat(GraphTestApp.calls(run.runId() + "/" + task, task)).as(task).isEqualTo(1);
		}
		assertThat(jdbc.queryForObject(
				"SELECT result::text FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'd'", String.class,
				run.runId()))
			.isEqualTo("{\"from_c\": 2}");
	}

	@Test
	void aTemplateErrorFailsItsTaskWithTemplateErrorNamingTheTemplateAndAHostileOneIsStopped() {
		register("""
				ref: graph.templates
				version: "1"
				tasks:
				  - name: missing
				    action: core.echo
				    input:
				      value: "{{ parameters.nope }}"
				    on_failure: java
				  - name: java
				    action: core.echo
				    input:
				      value: "{{ ''.getClass().forName('java.lang.Runtime') }}"
				    on_failure: huge
				  - name: huge
				    action: core.echo
				    input:
				      value: "{%% for i in range(10000) %%}%s{%% endfor %%}"
				""".formatted("x".repeat(200)));
		WorkflowRunView run = run("graph.templates", Map.of());
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.error().orElseThrow().message()).isEqualTo("Workflow failed: 1 task(s) failed: huge");
		List<Map<String, Object>> errors = jdbc.queryForList(
				"SELECT name, error->>'code' AS code, error->>'message' AS message FROM durableflow.workflow_steps "
						+ "WHERE run_id = ? ORDER BY seq",
				run.runId());
		assertThat(errors).extracting((row) -> row.get("code"))
			.containsExactly("template_error", "template_error", "template_error");
		assertThat((String) errors.get(0).get("message"))
			.startsWith("task 'missing' input: template '{{ parameters.nope }}' failed: ")
			.contains("parameters.nope");
		assertThat((String) errors.get(1).get("message")).startsWith("task 'java' input: template '{{ ''.getClass()");
		// 2,000,000 characters asked for, 1,000,000 allowed
		assertThat((String) errors.get(2).get("message")).startsWith("task 'huge' input: template '{% for i in")
			.contains("OutputTooBigException");
	}

	@Test
	void aRetriedTaskRunsAgainWithItsBackoffAndAReplayAfterAnInquiryRunsNothingTwice() {
		register("""
				ref: graph.retry
				version: "1"
				tasks:
				  - name: flaky
				    action: test.fail
				    input:
				      failUntil: 3
				    retry:
				      count: 3
				      delay: 10
				      backoff: linear
				    on_success: ask
				  - name: ask
				    action: core.inquiry
				    input:
				      prompt: "go on?"
				    on_success: last
				  - name: last
				    action: test.count
				    input:
				      answer: "{{ task.ask.result.approved }}"
				      attempts: "{{ task.flaky.result.attempt }}"
				""");
		String runId = flow.start("graph.retry", Map.of(), StartOptions.defaults()).runId();
		tester.runUntilIdle();
		Instant first = tester.clock().instant();
		// retry 1 after 10 s, retry 2 after 20 s more (linear), each with the engine's
		// jitter (half to all of the delay)
		Instant retry1 = tester.advanceToNextWakeUp(runId).orElseThrow();
		assertThat(Duration.between(first, retry1)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
		Instant retry2 = tester.advanceToNextWakeUp(runId).orElseThrow();
		assertThat(Duration.between(retry1, retry2)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.WAITING);
		assertThat(flow.notify("durableflow.inquiry", Map.of("run_id", runId, "step", "ask", "approved", true)))
			.isEqualTo(1);
		tester.runUntilIdle();
		WorkflowRunView run = flow.find(runId).orElseThrow();
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(GraphTestApp.calls(runId, "flaky")).isEqualTo(3);
		assertThat(GraphTestApp.calls(runId, "last")).isEqualTo(1);
		assertThat(jdbc.queryForObject(
				"SELECT result::text FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'last'", String.class,
				runId))
			.isEqualTo("{\"answer\": true, \"attempts\": 3}");
	}

	@Test
	void anInquiryNotAnsweredWithinTheTasksTimeoutIsTimedOutAndItsOnTimeoutFires() {
		register("""
				ref: graph.unanswered
				version: "1"
				tasks:
				  - name: ask
				    action: core.inquiry
				    timeout: 60
				    input:
				      prompt: "anyone?"
				    on_timeout: fallback
				  - name: fallback
				    action: core.echo
				    input:
				      timed_out: "{{ task.ask.status }}"
				""");
		String runId = flow.start("graph.unanswered", Map.of(), StartOptions.defaults()).runId();
		tester.runUntilIdle();
		Instant asked = tester.clock().instant();
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.WAITING);
		assertThat(tester.advanceToNextWakeUp(runId)).contains(asked.plusSeconds(60));
		WorkflowRunView run = flow.find(runId).orElseThrow();
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(jdbc.queryForObject(
				"SELECT result::text FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'fallback'",
				String.class, runId))
			.isEqualTo("{\"timed_out\": \"timed_out\"}");
	}

	@Test
	void aWorkflowTaskRunsTheDefinitionItNamesAsAChildRun() {
		register("""
				ref: graph.child
				version: "1"
				tasks:
				  - name: shout
				    action: string.transform
				    input:
				      text: "{{ parameters.word }}"
				      uppercase: true
				output_map:
				  word: "{{ task.shout.result.text }}"
				""");
		register("""
				ref: graph.parent
				version: "1"
				tasks:
				  - name: call
				    type: workflow
				    action: graph.child
				    input:
				      word: "{{ parameters.word }}"
				output_map:
				  child: "{{ task.call.result.word }}"
				""");
		WorkflowRunView run = run("graph.parent", Map.of("word", "hi"));
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.output(Map.class)).isEqualTo(Map.of("child", "HI"));
		assertThat(flow.find(run.runId() + "/call").orElseThrow().workflowName()).isEqualTo("graph.child");
	}

}

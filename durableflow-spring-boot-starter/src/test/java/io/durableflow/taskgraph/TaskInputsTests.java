package io.durableflow.taskgraph;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.WorkflowTimeline;
import io.durableflow.json.WorkflowJson;
import io.durableflow.test.TestDatabase;
import io.durableflow.testing.DurableFlowTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each task execution's step entry carries the input it was rendered to (API.md §9): a
 * task run in place, a with_items item, a failed and a retried task, a task run as a
 * child run (the child's step, and the parent's step that started it).
 */
class TaskInputsTests {

	static ConfigurableApplicationContext context;

	static DurableFlow flow;

	static DurableFlowTester tester;

	static WorkflowJson json;

	@BeforeAll
	static void start() {
		context = GraphTestApp.start(TestDatabase.newDatabase(), "durableflow.worker.enabled=false");
		flow = context.getBean(DurableFlow.class);
		tester = context.getBean(DurableFlowTester.class);
		json = context.getBean(WorkflowJson.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	static WorkflowRunView run(String ref, Map<String, ?> parameters) {
		String runId = flow.start(ref, parameters, StartOptions.defaults()).runId();
		tester.runUntilIdle();
		return flow.find(runId).orElseThrow();
	}

	/** Each step's input, parsed, by step name ({@code null} input: absent). */
	static Map<String, Object> inputs(String runId) {
		return flow.timeline(runId)
			.steps()
			.stream()
			.filter((step) -> step.inputJson() != null)
			.collect(Collectors.toMap(WorkflowTimeline.StepEntry::name,
					(step) -> json.read(step.inputJson(), Object.class)));
	}

	@Test
	void aTaskAndEachItemShowTheInputTheirTemplatesRenderedWithTypesKept() {
		GraphTestApp.register("""
				ref: inputs.rendered
				version: "1"
				tasks:
				  - name: greet
				    action: core.echo
				    input:
				      text: "hello {{ parameters.name }}"
				      n: "{{ parameters.n * 2 }}"
				    next:
				      - when: "{{ succeeded() }}"
				        do: [each]
				  - name: each
				    action: test.count
				    with_items: "{{ parameters.items }}"
				    input:
				      item: "{{ item }}"
				      at: "{{ index }}"
				""", context);
		WorkflowRunView run = run("inputs.rendered", Map.of("name", "ada", "n", 3, "items", List.of("a", "b")));
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(inputs(run.runId())).containsEntry("greet", Map.of("text", "hello ada", "n", 6))
			.containsEntry("each[0]", Map.of("item", "a", "at", 0))
			.containsEntry("each[1]", Map.of("item", "b", "at", 1));
	}

	@Test
	void aFailedTaskAndARetriedOneKeepTheirInputOnEveryRowTheyWrote() {
		GraphTestApp.register("""
				ref: inputs.failing
				version: "1"
				tasks:
				  - name: flaky
				    action: test.fail
				    retry:
				      count: 2
				      delay: 10
				    input:
				      failUntil: 2
				      label: "flaky {{ parameters.name }}"
				    next:
				      - when: "{{ succeeded() }}"
				        do: [broken]
				  - name: broken
				    action: test.fail
				    input:
				      fail: true
				      label: "broken {{ parameters.name }}"
				""", context);
		String runId = flow.start("inputs.failing", Map.of("name", "ada"), StartOptions.defaults()).runId();
		tester.runUntilIdle();
		// the first attempt failed: the row that waits for the retry has the input
		assertThat(flow.timeline(runId).steps()).singleElement().satisfies((step) -> {
			assertThat(step.status()).isEqualTo("retrying");
			assertThat(json.read(step.inputJson(), Map.class)).isEqualTo(Map.of("failUntil", 2, "label", "flaky ada"));
		});
		tester.advanceToNextWakeUp(runId);
		WorkflowRunView run = flow.find(runId).orElseThrow();
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(inputs(runId)).containsEntry("flaky", Map.of("failUntil", 2, "label", "flaky ada"))
			.containsEntry("broken", Map.of("fail", true, "label", "broken ada"));
		assertThat(flow.timeline(runId).steps()).extracting(WorkflowTimeline.StepEntry::status)
			.containsExactly("completed", "failed");
	}

	@Test
	void aTaskRunAsAChildRunShowsItsInputInTheChildAndOnTheStepThatStartedIt() {
		GraphTestApp.register("""
				ref: inputs.together
				version: "1"
				tasks:
				  - name: left
				    action: core.echo
				    input:
				      side: "left of {{ parameters.name }}"
				  - name: right
				    action: core.echo
				    input:
				      side: "right of {{ parameters.name }}"
				""", context);
		WorkflowRunView run = run("inputs.together", Map.of("name", "ada"));
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		Map<String, Object> parent = inputs(run.runId());
		assertThat(parent.get("left")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("action", "core.echo")
			.containsEntry("input", Map.of("side", "left of ada"));
		String child = flow.timeline(run.runId())
			.steps()
			.stream()
			.filter((step) -> step.name().equals("left"))
			.findFirst()
			.orElseThrow()
			.resultJson();
		assertThat(inputs(json.read(child, String.class))).containsEntry("left", Map.of("side", "left of ada"));
	}

}

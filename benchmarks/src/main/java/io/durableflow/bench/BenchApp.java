package io.durableflow.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import io.durableflow.DurableWorkflow;
import io.durableflow.GraphBuilder;
import io.durableflow.GraphStep;
import io.durableflow.GraphWorkflow;
import io.durableflow.StepHandle;
import io.durableflow.Workflow;
import io.durableflow.WorkflowChange;
import io.durableflow.WorkflowContext;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The application the engine benchmark runs: one three-step workflow and a completion
 * counter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ BenchApp.ThreeSteps.class, BenchApp.ThreeTransactions.class, BenchApp.CursorLoop.class,
		BenchApp.Completions.class, BenchApp.Add.class, BenchApp.StepGraph.class })
public class BenchApp {

	/**
	 * Where the first step of a run notes when it began (for start-to-first-step
	 * latency).
	 */
	static final ConcurrentHashMap<String, Long> firstStepAt = new ConcurrentHashMap<>();

	/**
	 * Only the latency phase notes first steps (the throughput phase would fill the map
	 * for nothing).
	 */
	static volatile boolean noteFirstSteps;

	@DurableWorkflow(name = "bench-three-steps")
	public static class ThreeSteps implements Workflow<Integer, Integer> {

		@Override
		public Integer run(WorkflowContext flow, Integer input) {
			int a = flow.step("one", Integer.class, () -> {
				if (noteFirstSteps) {
					firstStepAt.putIfAbsent(flow.runId(), System.nanoTime());
				}
				return input + 1;
			});
			int b = flow.step("two", Integer.class, () -> a * 2);
			return flow.step("three", Integer.class, () -> b + 3);
		}

	}

	/**
	 * The three steps of {@link ThreeSteps} as transactional steps
	 * ({@code --transactional}): the same trivial bodies, each in the transaction that
	 * records it.
	 */
	@DurableWorkflow(name = "bench-three-tx")
	public static class ThreeTransactions implements Workflow<Integer, Integer> {

		@Override
		public Integer run(WorkflowContext flow, Integer input) {
			int a = flow.transaction("one", Integer.class, () -> input + 1);
			int b = flow.transaction("two", Integer.class, () -> a * 2);
			return flow.transaction("three", Integer.class, () -> b + 3);
		}

	}

	/** A cursor step that advances {@code input} times, one trivial item each. */
	@DurableWorkflow(name = "bench-cursor")
	public static class CursorLoop implements Workflow<Integer, Integer> {

		@Override
		public Integer run(WorkflowContext flow, Integer input) {
			flow.iterate("loop", 0, Integer.class, (cursor) -> {
				for (int i = cursor.position(); i < input; i++) {
					cursor.advance(i + 1);
				}
			});
			return input;
		}

	}

	/**
	 * A 20-step graph, 1 → 6 → 6 → 6 → 1: each middle step depends on two steps of the
	 * layer above (diamonds everywhere), the last on the six above it; each step the
	 * action {@code bench.add}.
	 */
	@DurableWorkflow(name = "bench-step-graph")
	public static class StepGraph implements GraphWorkflow<Integer> {

		@Override
		public void build(GraphBuilder graph, Integer input) {
			java.util.List<StepHandle> above = java.util.List
				.of(graph.step("top", "bench.add", java.util.Map.of("value", input, "add", 1)));
			for (String layer : java.util.List.of("a", "b", "c")) {
				java.util.List<StepHandle> next = new java.util.ArrayList<>();
				for (int i = 0; i < 6; i++) {
					java.util.List<StepHandle> on = (above.size() == 1) ? above
							: java.util.List.of(above.get(i), above.get((i + 1) % 6));
					next.add(graph.step(layer + i, "bench.add", java.util.Map.of("value", i, "add", 1),
							GraphStep.dependsOn(on)));
				}
				above = next;
			}
			graph.step("bottom", "bench.add", java.util.Map.of("value", input, "add", 3), GraphStep.dependsOn(above));
		}

	}

	/**
	 * Counts completed runs from the change stream and frees a client slot for each; the
	 * child runs a step graph's steps run as are not counted.
	 */
	@Component
	public static class Completions {

		final AtomicLong completed = new AtomicLong();

		final Semaphore outstanding = new Semaphore(0);

		@EventListener
		void on(WorkflowChange change) {
			if (change.isRunLevel() && "completed".equals(change.snapshot().get("status"))
					&& !"durableflow.task".equals(change.workflowName())) {
				this.completed.incrementAndGet();
				this.outstanding.release();
			}
		}

	}

	/**
	 * {@code bench.add}: {@code {value, add}} to {@code {value: value + add}}, the work
	 * of one of the three steps, as an action for YAML tasks.
	 */
	@io.durableflow.action.DurableAction(name = "bench.add")
	public static class Add
			implements io.durableflow.action.Action<java.util.Map<String, Object>, java.util.Map<String, Object>> {

		@Override
		public java.util.Map<String, Object> execute(io.durableflow.action.ActionContext context,
				java.util.Map<String, Object> input) {
			return java.util.Map.of("value",
					((Number) input.get("value")).longValue() + ((Number) input.get("add")).longValue());
		}

	}

}

package io.durableflow.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import io.durableflow.DurableWorkflow;
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
		BenchApp.Completions.class, BenchApp.Add.class })
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

	/** Counts completed runs from the change stream and frees a client slot for each. */
	@Component
	public static class Completions {

		final AtomicLong completed = new AtomicLong();

		final Semaphore outstanding = new Semaphore(0);

		@EventListener
		void on(WorkflowChange change) {
			if (change.isRunLevel() && "completed".equals(change.snapshot().get("status"))) {
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

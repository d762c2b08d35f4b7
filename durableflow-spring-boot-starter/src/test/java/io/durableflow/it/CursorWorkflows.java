package io.durableflow.it;

import java.time.Duration;
import java.util.function.IntConsumer;

import io.durableflow.DurableWorkflow;
import io.durableflow.StepOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

import org.springframework.jdbc.core.JdbcTemplate;

/** Workflows with cursor steps. */
public final class CursorWorkflows {

	private CursorWorkflows() {
	}

	/**
	 * Counts to {@code input}, advancing after every item; the first attempt fails at
	 * item 50; then sleeps, so a replay passes the finished loop again.
	 */
	@DurableWorkflow(name = "counting")
	public static class Counting implements Workflow<Integer, Integer> {

		@Override
		public Integer run(WorkflowContext flow, Integer input) {
			StepOptions retry = StepOptions.builder().maxAttempts(3).initialBackoff(Duration.ofSeconds(1)).build();
			flow.iterate("count", retry, 0, Integer.class, (cursor) -> {
				for (int i = cursor.position(); i < input; i++) {
					Probe.hit(flow.runId(), "item-" + i);
					if (i == 50 && Probe.hit(flow.runId(), "failed-at-50") == 1) {
						throw new IllegalStateException("the first attempt fails at item 50");
					}
					cursor.advance(i + 1);
				}
			});
			flow.sleep("rest", Duration.ofMinutes(1));
			return flow.step("total", Integer.class, () -> input);
		}

	}

	/**
	 * Goes through {@code input} items, leaving a mark per item in {@code probe_items}
	 * (committed at once, visible across processes) and advancing after every tenth.
	 */
	@DurableWorkflow(name = "marking-loop")
	public static class MarkingLoop implements Workflow<Integer, String> {

		private final JdbcTemplate jdbc;

		public MarkingLoop(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public String run(WorkflowContext flow, Integer input) {
			flow.iterate("items", 0, Integer.class, (cursor) -> {
				for (int i = cursor.position(); i < input; i++) {
					this.jdbc.update("INSERT INTO public.probe_items (run_id, item, pid) VALUES (?, ?, ?)",
							flow.runId(), i, ProcessHandle.current().pid());
					if (i % 10 == 9) {
						cursor.advance(i + 1);
					}
				}
			});
			return "done";
		}

		static void createTable(JdbcTemplate jdbc) {
			jdbc.execute("CREATE TABLE IF NOT EXISTS public.probe_items (id bigserial PRIMARY KEY, "
					+ "run_id text NOT NULL, item int NOT NULL, pid bigint NOT NULL)");
		}

	}

	/**
	 * Goes through {@code input} items, calling {@link #beforeAdvance} and then
	 * {@link #afterAdvance} with each item around its advance (a test moves its clock and
	 * reads the run's lease there).
	 */
	@DurableWorkflow(name = "slow-items")
	public static class SlowItems implements Workflow<Integer, Integer> {

		static volatile IntConsumer beforeAdvance = (item) -> {
		};

		static volatile IntConsumer afterAdvance = (item) -> {
		};

		@Override
		public Integer run(WorkflowContext flow, Integer input) {
			flow.iterate("items", 0, Integer.class, (cursor) -> {
				for (int i = cursor.position(); i < input; i++) {
					beforeAdvance.accept(i);
					cursor.advance(i + 1);
					afterAdvance.accept(i);
				}
			});
			return input;
		}

	}

}

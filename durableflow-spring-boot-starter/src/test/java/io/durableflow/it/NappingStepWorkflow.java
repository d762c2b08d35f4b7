package io.durableflow.it;

import java.util.concurrent.TimeUnit;

import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One step that keeps its worker busy for the given number of milliseconds, deaf to
 * interrupts like blocking I/O, leaving marks in {@code probe_marks} (see
 * {@link MarkedWorkflow}) when it begins and ends so a test in another JVM can see it.
 */
@DurableWorkflow(name = "napping-step")
public class NappingStepWorkflow implements Workflow<Long, String> {

	private final JdbcTemplate jdbc;

	public NappingStepWorkflow(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String run(WorkflowContext flow, Long millis) {
		flow.step("nap", () -> {
			mark(flow.runId(), "nap-begin");
			long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
			boolean interrupted = false;
			for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
				try {
					TimeUnit.NANOSECONDS.sleep(left);
				}
				catch (InterruptedException ex) {
					interrupted = true; // sleeps on
				}
			}
			mark(flow.runId(), "nap-end");
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		});
		return "rested " + millis + " ms";
	}

	private void mark(String runId, String step) {
		this.jdbc.update("INSERT INTO public.probe_marks (run_id, step, pid) VALUES (?, ?, ?)", runId, step,
				ProcessHandle.current().pid());
	}

}

package io.durableflow.it;

import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Three steps whose bodies leave a mark in {@code probe_marks} (committed at once,
 * visible across processes). The "victim" run's middle step hangs on its first execution,
 * so a test can kill the JVM in the middle of it.
 */
@DurableWorkflow(name = "marked")
public class MarkedWorkflow implements Workflow<String, String> {

	private final JdbcTemplate jdbc;

	public MarkedWorkflow(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String run(WorkflowContext flow, String input) {
		flow.step("first", () -> mark(flow.runId(), "first"));
		flow.step("middle", () -> {
			int executions = mark(flow.runId(), "middle");
			if ("victim".equals(input) && executions == 1) {
				Thread.sleep(600_000);
			}
		});
		flow.step("last", () -> mark(flow.runId(), "last"));
		return "done";
	}

	private int mark(String runId, String step) {
		this.jdbc.update("INSERT INTO public.probe_marks (run_id, step, pid) VALUES (?, ?, ?)", runId, step,
				ProcessHandle.current().pid());
		Integer count = this.jdbc.queryForObject(
				"SELECT count(*) FROM public.probe_marks WHERE run_id = ? AND step = ?", Integer.class, runId, step);
		return (count != null) ? count : 0;
	}

	static void createTable(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE IF NOT EXISTS public.probe_marks (id bigserial PRIMARY KEY, run_id text NOT NULL, "
				+ "step text NOT NULL, pid bigint NOT NULL)");
	}

}

package io.durableflow.taskgraph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durableflow.RunStatus;
import io.durableflow.json.WorkflowJson;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@link TaskStatuses} reads of a run: its status, its steps and its child runs,
 * from {@code workflow_runs} and {@code workflow_steps}; the read side only (an execution
 * reads nothing here).
 */
final class RunRecords {

	// results only where they tell something: a child's id, a wait's answer, a skip
	private static final String STEPS = """
			SELECT name, seq, kind, status,
			       CASE WHEN kind <> 'step' OR result -> 'skipped' IS NOT NULL THEN result::text END AS result,
			       error ->> 'code' AS error_code
			FROM durableflow.workflow_steps WHERE run_id = ? ORDER BY seq""";

	private static final String CHILDREN = """
			SELECT run_id, status, error ->> 'code' AS error_code
			FROM durableflow.workflow_runs WHERE parent_run_id = ?""";

	private final JdbcTemplate jdbc;

	private final WorkflowJson json;

	RunRecords(JdbcTemplate jdbc, WorkflowJson json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * A run as recorded.
	 *
	 * @param finished whether it has finished
	 * @param steps its steps, in order
	 * @param children its child runs by run id
	 */
	record Recorded(boolean finished, List<TaskStatuses.Step> steps, Map<String, TaskStatuses.Child> children) {
	}

	/** The run as recorded now; empty when there is no such run. */
	Optional<Recorded> read(String runId) {
		List<String> status = this.jdbc.queryForList("SELECT status FROM durableflow.workflow_runs WHERE run_id = ?",
				String.class, runId);
		if (status.isEmpty()) {
			return Optional.empty();
		}
		List<TaskStatuses.Step> steps = this.jdbc.query(STEPS,
				(row, i) -> new TaskStatuses.Step(row.getString("name"), row.getInt("seq"), row.getString("kind"),
						row.getString("status"), (row.getString("result") != null)
								? this.json.read(row.getString("result"), Object.class) : null,
						row.getString("error_code")),
				runId);
		Map<String, TaskStatuses.Child> children = new HashMap<>();
		this.jdbc.query(CHILDREN, (row) -> {
			children.put(row.getString("run_id"),
					new TaskStatuses.Child(row.getString("status"), row.getString("error_code")));
		}, runId);
		return Optional.of(new Recorded(RunStatus.fromDb(status.get(0)).isTerminal(), steps, children));
	}

}

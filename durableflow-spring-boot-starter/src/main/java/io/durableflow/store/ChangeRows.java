package io.durableflow.store;

import io.durableflow.queue.ClaimedRun;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.WorkflowChange;
import io.durableflow.json.WorkflowJson;

/**
 * Turns the rows a statement reports (as JSON arrays built with {@code json_agg} over its
 * {@code RETURNING} clauses) into {@link WorkflowChange}s. Each row names its run; the
 * workflow name comes from the row or from {@code workflowNames}.
 */
public final class ChangeRows {

	private final WorkflowJson json;

	private final Instant at;

	private final List<WorkflowChange> changes = new ArrayList<>();

	public ChangeRows(WorkflowJson json, Instant at) {
		this.json = json;
		this.at = at;
	}

	public ChangeRows runs(String rowsJson, boolean created) {
		for (Map<String, Object> row : rows(rowsJson)) {
			Map<String, Object> snapshot = new LinkedHashMap<>();
			snapshot.put("status", row.get("status"));
			snapshot.put("errorCode", row.get("error_code"));
			snapshot.put("createdAt", row.get("created_at"));
			add(WorkflowChange.RUN, created, row, row.get("run_id"), snapshot);
		}
		return this;
	}

	/** Changes of the step rows a fenced write wrote, from what it wrote. */
	public ChangeRows stepWrites(ClaimedRun run, PendingWrites writes) {
		for (StepWrite step : writes.steps()) {
			Map<String, Object> snapshot = new LinkedHashMap<>();
			snapshot.put("name", step.name());
			snapshot.put("kind", step.kind().dbValue());
			snapshot.put("status", step.status().dbValue());
			snapshot.put("attempts", step.attempts());
			snapshot.put("errorCode", errorCode(step.errorJson()));
			snapshot.put("startedAt", (step.startedAt() != null) ? step.startedAt().toString() : null);
			snapshot.put("completedAt", (step.completedAt() != null) ? step.completedAt().toString() : null);
			this.changes.add(WorkflowChange.of(WorkflowChange.STEP, writes.isNew(step.name()), run.runId(),
					run.workflowName(), stepKey(run.runId(), step.name()), snapshot, this.at));
		}
		return this;
	}

	/**
	 * A step's record id: its run and name, unique and stable (the same for its wait).
	 */
	public static String stepKey(String runId, String stepName) {
		return runId + "/" + stepName;
	}

	private Object errorCode(String errorJson) {
		return (errorJson != null) ? this.json.read(errorJson, Map.class).get("code") : null;
	}

	public ChangeRows steps(String rowsJson, Map<String, String> workflowNames) {
		for (Map<String, Object> row : rows(rowsJson)) {
			Map<String, Object> snapshot = new LinkedHashMap<>();
			snapshot.put("name", row.get("name"));
			snapshot.put("kind", row.get("kind"));
			snapshot.put("status", row.get("status"));
			snapshot.put("attempts", row.get("attempts"));
			snapshot.put("errorCode", row.get("error_code"));
			snapshot.put("startedAt", row.get("started_at"));
			snapshot.put("completedAt", row.get("completed_at"));
			name(row, workflowNames);
			add(WorkflowChange.STEP, Boolean.TRUE.equals(row.get("inserted")), row,
					stepKey((String) row.get("run_id"), (String) row.get("name")), snapshot);
		}
		return this;
	}

	public ChangeRows waits(String rowsJson, boolean created, Map<String, String> workflowNames) {
		for (Map<String, Object> row : rows(rowsJson)) {
			Map<String, Object> snapshot = new LinkedHashMap<>();
			snapshot.put("stepName", row.get("step_name"));
			snapshot.put("eventName", row.get("event_name"));
			snapshot.put("status", row.get("status"));
			snapshot.put("createdAt", row.get("created_at"));
			snapshot.put("resolvedAt", row.get("resolved_at"));
			name(row, workflowNames);
			add(WorkflowChange.WAIT, created, row, stepKey((String) row.get("run_id"), (String) row.get("step_name")),
					snapshot);
		}
		return this;
	}

	public ChangeRows logs(String rowsJson, Map<String, String> workflowNames) {
		for (Map<String, Object> row : rows(rowsJson)) {
			Map<String, Object> snapshot = new LinkedHashMap<>();
			snapshot.put("stepName", row.get("step_name"));
			snapshot.put("level", row.get("level"));
			snapshot.put("message", row.get("message"));
			name(row, workflowNames);
			add(WorkflowChange.LOG, true, row, row.get("id"), snapshot);
		}
		return this;
	}

	public ChangeRows event(long id, String eventName, int matched) {
		this.changes.add(WorkflowChange.of(WorkflowChange.EVENT, true, null, null, id,
				Map.of("eventName", eventName, "matched", matched), this.at));
		return this;
	}

	/** The change a new run makes. */
	public static WorkflowChange created(NewRun run, Instant now) {
		Map<String, Object> snapshot = new LinkedHashMap<>();
		snapshot.put("status", "pending");
		snapshot.put("hostingMode", run.hostingMode());
		snapshot.put("lifecycleStage", run.lifecycleStage());
		snapshot.put("userId", run.userId());
		snapshot.put("tutorialSlug", run.tutorialSlug());
		snapshot.put("parentRunId", run.parentRunId());
		snapshot.put("queue", run.queue());
		return WorkflowChange.of(WorkflowChange.RUN, true, run.runId(), run.workflowName(), run.runId(), snapshot, now);
	}

	/** The changes claims make. */
	public static List<WorkflowChange> claimed(List<ClaimedRun> claimed, Instant now) {
		return claimed.stream()
			.map((run) -> WorkflowChange.of(WorkflowChange.RUN, false, run.runId(), run.workflowName(), run.runId(),
					Map.of("status", "running", "executions", run.executions(), "tookOver", run.tookOver(), "lagMillis",
							Math.max(0, now.toEpochMilli() - run.dueAt().toEpochMilli())),
					now))
			.toList();
	}

	public List<WorkflowChange> changes() {
		return this.changes;
	}

	private void add(String recordType, boolean created, Map<String, Object> row, Object recordId,
			Map<String, Object> snapshot) {
		this.changes.add(WorkflowChange.of(recordType, created, (String) row.get("run_id"),
				(String) row.get("workflow_name"), recordId, snapshot, this.at));
	}

	private static void name(Map<String, Object> row, Map<String, String> workflowNames) {
		if (row.get("workflow_name") == null) {
			row.put("workflow_name", workflowNames.get((String) row.get("run_id")));
		}
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> rows(String rowsJson) {
		if (rowsJson == null) {
			return List.of();
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Object row : this.json.read(rowsJson, List.class)) {
			rows.add(new LinkedHashMap<>((Map<String, Object>) row));
		}
		return rows;
	}

}

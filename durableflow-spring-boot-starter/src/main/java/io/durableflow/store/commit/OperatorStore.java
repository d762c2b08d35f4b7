package io.durableflow.store.commit;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durableflow.WorkflowChange;
import io.durableflow.json.WorkflowJson;
import io.durableflow.change.ChangeRecorder;
import io.durableflow.store.ChangeRows;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static io.durableflow.store.RunStore.ts;

/** Operator actions on runs, recorded on the run as who, what, why and when. */
public class OperatorStore {

	/**
	 * Whether cancelling run {@code x} cancels its children: always, but for a run of a
	 * stored definition whose {@code cancellation_policy} (at the revision the run
	 * pinned) is {@code allow_finish}, the default: its children (the items of a
	 * concurrent with_items task, its workflow tasks) run on to their end, and the
	 * cancelled run starts nothing new.
	 */
	private static final String CANCELS_CHILDREN = """
			NOT EXISTS (SELECT 1 FROM durableflow.workflow_definition_revisions d
			    WHERE d.ref = x.workflow_name AND d.revision = x.definition_revision
			    AND coalesce(d.definition->>'cancellation_policy', 'allow_finish') = 'allow_finish')""";

	private static final String CANCEL_TREE = """
			WITH RECURSIVE tree AS (
			    SELECT run_id, %1$s AS descend FROM durableflow.workflow_runs x WHERE run_id = :runId
			    UNION ALL
			    SELECT x.run_id, %1$s FROM durableflow.workflow_runs x JOIN tree t ON x.parent_run_id = t.run_id
			    WHERE t.descend),
			locked AS (
			    -- in run-id order, as group commits and heartbeats lock runs: no deadlock with them;
			    -- a locking read sees each row as it is once locked
			    SELECT id, run_id, status FROM durableflow.workflow_runs WHERE run_id IN (SELECT run_id FROM tree)
			    ORDER BY run_id FOR NO KEY UPDATE),
			r AS (
			    -- the caller resumes the waiters in this transaction: the awaited mark is settled here
			    UPDATE durableflow.workflow_runs SET status = 'cancelled', finished_at = :at, updated_at = :at, awaited = false,
			        cancel_reason = CASE WHEN run_id = :runId THEN :ownReason ELSE :descendantReason END,
			        error = CASE WHEN run_id = :runId THEN :ownError::jsonb ELSE :descendantError::jsonb END,
			        operator_actions = operator_actions
			            || CASE WHEN run_id = :runId THEN :ownAction::jsonb ELSE :descendantAction::jsonb END,
			        next_due_at = NULL, lease_owner = NULL, lease_expires_at = NULL, lease_token = lease_token + 1
			    WHERE id IN (SELECT id FROM locked) AND status IN ('pending', 'running', 'sleeping', 'waiting')
			        -- descendants only with the run itself: a refused cancel (of a finished run
			        -- whose child still runs) changes nothing, also in a caller's transaction
			        AND EXISTS (SELECT 1 FROM locked WHERE run_id = :runId
			                    AND status IN ('pending', 'running', 'sleeping', 'waiting'))
			    RETURNING run_id, workflow_name, status, 'cancelled' AS error_code),
			s AS (
			    UPDATE durableflow.workflow_steps st SET status = 'cancelled', updated_at = :at
			    FROM r WHERE st.run_id = r.run_id AND st.status IN ('pending', 'running', 'sleeping', 'waiting', 'retrying')
			    RETURNING st.id, st.run_id, r.workflow_name, st.name, st.kind, st.status, st.attempts, NULL AS error_code),
			w AS (
			    UPDATE durableflow.workflow_waits wt SET status = 'cancelled', resolved_at = :at
			    FROM r WHERE wt.run_id = r.run_id AND wt.status = 'pending'
			    RETURNING wt.id, wt.run_id, r.workflow_name, wt.step_name, wt.event_name, wt.status)
			SELECT (SELECT json_agg(r) FROM r)::text AS runs, (SELECT json_agg(s) FROM s)::text AS steps,
			    (SELECT json_agg(w) FROM w)::text AS waits"""
		.formatted(CANCELS_CHILDREN);

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final ChangeRecorder changes;

	private final WorkflowJson json;

	public OperatorStore(JdbcTemplate jdbc, ChangeRecorder changes, WorkflowJson json) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.changes = changes;
		this.json = json;
	}

	/**
	 * Cancels the run and its unfinished descendants.
	 * @return the ids of the runs cancelled (empty when the run had already finished)
	 */
	public List<String> cancelTree(String runId, Cancellation own, Cancellation descendants, Instant now) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("runId", runId);
		parameters.put("at", ts(now));
		parameters.put("ownReason", own.reason());
		parameters.put("descendantReason", descendants.reason());
		parameters.put("ownError", own.errorJson());
		parameters.put("descendantError", descendants.errorJson());
		parameters.put("ownAction", own.actionJson());
		parameters.put("descendantAction", descendants.actionJson());
		Map<String, Object> row = this.named.queryForMap(CANCEL_TREE, parameters);
		List<WorkflowChange> changes = new ChangeRows(this.json, now).runs((String) row.get("runs"), false)
			.steps((String) row.get("steps"), Map.of())
			.waits((String) row.get("waits"), false, Map.of())
			.changes();
		this.changes.record(changes);
		return changes.stream()
			.filter((change) -> WorkflowChange.RUN.equals(change.recordType()))
			.map(WorkflowChange::runId)
			.toList();
	}

	/**
	 * Locks a run's row and reads its status and the step whose failure failed it: the
	 * step its error names, if that step is still failed.
	 * @return empty if there is no such run
	 */
	public Optional<FailedStep> lockFailedStep(String runId) {
		return this.jdbc
			.query("""
					SELECT r.status, (SELECT s.name FROM durableflow.workflow_steps s
					                  WHERE s.run_id = r.run_id AND s.name = r.error->>'step' AND s.status = 'failed') AS step
					FROM durableflow.workflow_runs r WHERE r.run_id = ? FOR NO KEY UPDATE OF r""",
					(rs, i) -> new FailedStep(rs.getString("status"), rs.getString("step")), runId)
			.stream()
			.findFirst();
	}

	/** Puts a failed run back to pending; {@code false} if the run is not failed. */
	public boolean reopenFailedRun(String runId, String actionJson, Instant now) {
		List<String> names = this.jdbc.queryForList(
				"""
						UPDATE durableflow.workflow_runs SET status = 'pending', error = NULL, finished_at = NULL, next_due_at = ?,
						    updated_at = ?, operator_actions = operator_actions || ?::jsonb
						WHERE run_id = ? AND status = 'failed' RETURNING workflow_name""",
				String.class, ts(now), ts(now), actionJson, runId);
		names.forEach((name) -> this.changes.record(List
			.of(WorkflowChange.of(WorkflowChange.RUN, false, runId, name, runId, Map.of("status", "pending"), now))));
		return !names.isEmpty();
	}

	/**
	 * Makes a failed step ready to run again, with fresh attempts; {@code false} if it is
	 * not failed.
	 */
	public boolean resetFailedStep(String runId, String stepName, Instant now) {
		String rows = this.jdbc.queryForObject(
				"""
						WITH s AS (
						    UPDATE durableflow.workflow_steps s SET status = 'pending', attempts = 0, error = NULL, result = NULL,
						        completed_at = NULL, wake_at = NULL, updated_at = ?
						    WHERE run_id = ? AND name = ? AND status = 'failed'
						    RETURNING s.id, s.run_id, s.name, s.kind, s.status, s.attempts, NULL AS error_code)
						SELECT json_agg(s)::text FROM s""",
				String.class, ts(now), runId, stepName);
		List<WorkflowChange> changes = new ChangeRows(this.json, now).steps(rows, Map.of(runId, workflowName(runId)))
			.changes();
		this.changes.record(changes);
		return !changes.isEmpty();
	}

	private String workflowName(String runId) {
		return this.jdbc
			.queryForList("SELECT workflow_name FROM durableflow.workflow_runs WHERE run_id = ?", String.class, runId)
			.stream()
			.findFirst()
			.orElse(null);
	}

	/**
	 * A run's stored status and its failed step ({@code null} when it has none to retry).
	 */
	public record FailedStep(String status, @Nullable String step) {
	}

	/** Why a run is cancelled: the stored reason, error and operator action. */
	public record Cancellation(String reason, String errorJson, String actionJson) {
	}

}

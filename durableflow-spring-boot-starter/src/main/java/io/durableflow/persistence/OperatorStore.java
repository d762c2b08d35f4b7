package io.durableflow.persistence;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import static io.durableflow.persistence.RunStore.ts;

/** Operator actions on runs, recorded on the run as who, what, why and when. */
public class OperatorStore {

	private static final String CANCEL_TREE = """
			WITH RECURSIVE tree AS (
			    SELECT run_id FROM durableflow.workflow_runs WHERE run_id = ?
			    UNION ALL
			    SELECT c.run_id FROM durableflow.workflow_runs c JOIN tree t ON c.parent_run_id = t.run_id),
			r AS (
			    UPDATE durableflow.workflow_runs SET status = 'cancelled', finished_at = ?, updated_at = ?,
			        cancel_reason = CASE WHEN run_id = ? THEN ? ELSE ? END,
			        error = CASE WHEN run_id = ? THEN ?::jsonb ELSE ?::jsonb END,
			        operator_actions = operator_actions || CASE WHEN run_id = ? THEN ?::jsonb ELSE ?::jsonb END,
			        next_due_at = NULL, lease_owner = NULL, lease_expires_at = NULL, lease_token = lease_token + 1
			    WHERE run_id IN (SELECT run_id FROM tree) AND status IN ('pending', 'running', 'sleeping', 'waiting')
			    RETURNING run_id),
			s AS (
			    UPDATE durableflow.workflow_steps st SET status = 'cancelled', updated_at = ?
			    FROM r WHERE st.run_id = r.run_id AND st.status IN ('pending', 'running', 'sleeping', 'waiting', 'retrying')
			    RETURNING 1),
			w AS (
			    UPDATE durableflow.workflow_waits wt SET status = 'cancelled', resolved_at = ?
			    FROM r WHERE wt.run_id = r.run_id AND wt.status = 'pending'
			    RETURNING 1)
			SELECT run_id FROM r""";

	private final JdbcTemplate jdbc;

	public OperatorStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Cancels the run and its unfinished descendants.
	 * @return the ids of the runs cancelled (empty when the run had already finished)
	 */
	public List<String> cancelTree(String runId, Cancellation own, Cancellation descendants, Instant now) {
		return this.jdbc.queryForList(CANCEL_TREE, String.class, runId, ts(now), ts(now), runId, own.reason(),
				descendants.reason(), runId, own.errorJson(), descendants.errorJson(), runId, own.actionJson(),
				descendants.actionJson(), ts(now), ts(now));
	}

	/** Puts a failed run back to pending; {@code false} if the run is not failed. */
	public boolean reopenFailedRun(String runId, String actionJson, Instant now) {
		return this.jdbc.update("""
				UPDATE durableflow.workflow_runs SET status = 'pending', error = NULL, finished_at = NULL, next_due_at = ?,
				    updated_at = ?, operator_actions = operator_actions || ?::jsonb
				WHERE run_id = ? AND status = 'failed'""", ts(now), ts(now), actionJson, runId) == 1;
	}

	/** Makes a failed step ready to run again, with fresh attempts; {@code false} if it is not failed. */
	public boolean resetFailedStep(String runId, String stepName, Instant now) {
		return this.jdbc.update("""
				UPDATE durableflow.workflow_steps SET status = 'pending', attempts = 0, error = NULL, result = NULL,
				    completed_at = NULL, wake_at = NULL, updated_at = ?
				WHERE run_id = ? AND name = ? AND status = 'failed'""", ts(now), runId, stepName) == 1;
	}

	/** Why a run is cancelled: the stored reason, error and operator action. */
	public record Cancellation(String reason, String errorJson, String actionJson) {
	}

}

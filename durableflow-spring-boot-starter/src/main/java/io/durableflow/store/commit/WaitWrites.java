package io.durableflow.store.commit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.durableflow.change.ChangeRecorder;
import io.durableflow.json.WorkflowJson;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.store.ChangeRows;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static io.durableflow.store.RunStore.ts;

/**
 * The writes of a run's waits that are not part of a fenced write: a wait timing out, a
 * run marked awaited.
 */
public class WaitWrites {

	private static final String TIME_OUT = """
			WITH fence AS (
			    UPDATE durableflow.workflow_runs SET updated_at = :at, lease_expires_at = :leaseExpiresAt,
			        next_due_at = :leaseExpiresAt
			    WHERE run_id = :runId AND lease_token = :token AND status = 'running' RETURNING run_id),
			w AS (
			    UPDATE durableflow.workflow_waits wt SET status = 'timed_out', resolved_at = :at
			    FROM fence WHERE wt.run_id = fence.run_id AND wt.step_name = :stepName AND wt.status = 'pending'
			    RETURNING wt.id, wt.run_id, wt.step_name, wt.event_name, wt.status),
			s AS (
			    UPDATE durableflow.workflow_steps st SET status = 'completed', result = '{"matched": false}'::jsonb,
			        completed_at = :at, updated_at = :at
			    FROM w WHERE st.run_id = w.run_id AND st.name = :stepName
			    RETURNING st.id, st.run_id, st.name, st.kind, st.status, st.attempts, NULL AS error_code)
			SELECT (SELECT count(*) FROM fence)::int AS fenced, (SELECT count(*) FROM w)::int AS timed_out,
			    (SELECT json_agg(w) FROM w)::text AS waits, (SELECT json_agg(s) FROM s)::text AS steps""";

	private static final String MARK_AWAITED = """
			WITH l AS (
			    SELECT id FROM durableflow.workflow_runs WHERE run_id IN (:waiter, :runId) ORDER BY run_id FOR NO KEY UPDATE)
			UPDATE durableflow.workflow_runs r
			SET awaited = r.awaited OR r.status IN ('pending', 'running', 'sleeping', 'waiting')
			FROM l WHERE r.id = l.id AND r.run_id = :runId
			RETURNING r.status, r.output::text AS output, r.error::text AS error""";

	private final NamedParameterJdbcTemplate jdbc;

	private final ChangeRecorder changes;

	private final WorkflowJson json;

	public WaitWrites(JdbcTemplate jdbc, ChangeRecorder changes, WorkflowJson json) {
		this.jdbc = new NamedParameterJdbcTemplate(jdbc);
		this.changes = changes;
		this.json = json;
	}

	/**
	 * Times out a pending wait whose timeout has passed, completing its step as "not
	 * matched", unless an event consumed the wait first; fenced by the lease, which it
	 * extends.
	 */
	public WaitTimeout timeOutWait(ClaimedRun run, String stepName, Instant now, Duration ttl) {
		Map<String, Object> parameters = Map.of("at", ts(now), "leaseExpiresAt", ts(now.plus(ttl)), "runId",
				run.runId(), "token", run.leaseToken(), "stepName", stepName);
		return this.jdbc.queryForObject(TIME_OUT, parameters, (rs, i) -> {
			if (rs.getInt("fenced") == 0) {
				return WaitTimeout.LEASE_LOST;
			}
			if (rs.getInt("timed_out") == 0) {
				return WaitTimeout.ALREADY_RESOLVED;
			}
			Map<String, String> names = Map.of(run.runId(), run.workflowName());
			this.changes.record(new ChangeRows(this.json, now).waits(rs.getString("waits"), false, names)
				.steps(rs.getString("steps"), names)
				.changes());
			return WaitTimeout.TIMED_OUT;
		});
	}

	/**
	 * Marks another run as awaited and reads how it stands, holding its row lock until
	 * this transaction ends (call inside one): a run that finishes later finishes after
	 * this transaction's wait is committed, and finds the mark on its row
	 * (docs/ENGINE.md, invariant 8). The waiter's own row is locked too, both in run-id
	 * order (as heartbeats and shared commits lock them), so the waiter's park later in
	 * this transaction cannot deadlock with them.
	 */
	public Optional<Map<String, Object>> markAwaited(String waiterRunId, String runId) {
		return this.jdbc.queryForList(MARK_AWAITED, Map.of("waiter", waiterRunId, "runId", runId)).stream().findFirst();
	}

	/** How a wait's timeout went. */
	public enum WaitTimeout {

		TIMED_OUT, ALREADY_RESOLVED, LEASE_LOST

	}

}

package io.durableflow.store.commit;

import io.durableflow.queue.ClaimedRun;
import io.durableflow.store.ChangeRows;
import io.durableflow.store.LogWrite;
import io.durableflow.store.PendingWrites;
import io.durableflow.store.RunTransition;
import io.durableflow.store.StepWrite;
import io.durableflow.store.WaitWrite;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.durableflow.json.WorkflowJson;
import io.durableflow.change.ChangeRecorder;

import org.springframework.jdbc.core.JdbcTemplate;

import static io.durableflow.store.RunStore.ts;

/**
 * The engine's writes about a claimed run: one statement, one commit, conditional on the run's
 * lease token. Steps, waits and logs ride along as arrays, so any number of them costs one round
 * trip; when the lease is gone the statement writes nothing.
 */
public class FencedWriter {

	private static final String STEP_INSERT = """
			s AS (INSERT INTO durableflow.workflow_steps AS s (run_id, name, seq, kind, status, attempts, result, error,
			        wake_at, started_at, completed_at, created_at, updated_at)
			    SELECT fence.run_id, t.name, t.seq, t.kind, t.status, t.attempts, t.result::jsonb, t.error::jsonb,
			        t.wake_at::timestamptz, t.started_at::timestamptz, t.completed_at::timestamptz, ?, ?
			    FROM fence, %s AS t(name, seq, kind, status, attempts, result, error, wake_at, started_at, completed_at)
			    ON CONFLICT (run_id, name) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
			        result = excluded.result, error = excluded.error, wake_at = excluded.wake_at,
			        started_at = coalesce(s.started_at, excluded.started_at), completed_at = excluded.completed_at,
			        updated_at = excluded.updated_at
			    RETURNING 1)""";

	/** Any number of steps, as arrays. */
	private static final String STEPS = STEP_INSERT.formatted("unnest(?::text[], ?::int[], ?::text[], ?::text[], "
			+ "?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])");

	/** The common case, one step: plain parameters, no arrays to build and unnest. */
	private static final String ONE_STEP = STEP_INSERT.formatted("(SELECT ?::text, ?::int, ?::text, ?::text, "
			+ "?::int, ?::text, ?::text, ?::text, ?::text, ?::text)");

	private static final String WAITS = """
			w AS (INSERT INTO durableflow.workflow_waits (run_id, step_name, event_name, match, status, timeout_at, created_at)
			    SELECT fence.run_id, t.step_name, t.event_name, t.match::jsonb, 'pending', t.timeout_at::timestamptz, ?
			    FROM fence, unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS t(step_name, event_name, match, timeout_at)
			    ON CONFLICT (run_id, step_name) DO NOTHING
			    RETURNING id, run_id, step_name, event_name, status)""";

	private static final String LOGS = """
			l AS (INSERT INTO durableflow.workflow_logs (run_id, step_name, level, message, data, log_key, created_at)
			    SELECT fence.run_id, t.step_name, t.level, t.message, t.data::jsonb, t.log_key, t.created_at::timestamptz
			    FROM fence, unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
			        AS t(step_name, level, message, data, log_key, created_at)
			    ON CONFLICT (run_id, log_key) DO NOTHING
			    RETURNING id, run_id, step_name, level, left(message, 200) AS message)""";

	private static final String FINISHED = "next_due_at = NULL, lease_owner = NULL, lease_expires_at = NULL";

	private final JdbcTemplate jdbc;

	private final ChangeRecorder changes;

	private final WorkflowJson json;

	private final Map<String, String> sql = new ConcurrentHashMap<>();

	public FencedWriter(JdbcTemplate jdbc, ChangeRecorder changes, WorkflowJson json) {
		this.jdbc = jdbc;
		this.changes = changes;
		this.json = json;
	}

	/**
	 * Moves the run as {@code transition} says and records {@code writes}, only while
	 * {@code run}'s lease is still held.
	 * @return {@code false} when the lease was lost (taken over, cancelled): nothing was written
	 */
	public boolean write(ClaimedRun run, RunTransition transition, PendingWrites writes, Instant now) {
		boolean oneStep = writes.steps().size() == 1;
		boolean waits = !writes.waits().isEmpty();
		boolean logs = !writes.logs().isEmpty();
		String statement = this.sql.computeIfAbsent(
				transition.getClass().getSimpleName() + (oneStep ? "+step" : "+steps") + (waits ? "+waits" : "")
						+ (logs ? "+logs" : ""),
				(key) -> statement(transition, oneStep, waits, logs));
		return Boolean.TRUE.equals(this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement ps = connection.prepareStatement(statement)) {
				int i = bindTransition(ps, transition, now);
				ps.setString(i++, run.runId());
				ps.setLong(i++, run.leaseToken());
				i = oneStep ? bindStep(ps, i, writes.steps().get(0), now)
						: bindSteps(ps, i, connection, writes.steps(), now);
				if (waits) {
					i = bindWaits(ps, i, connection, writes.waits(), now);
				}
				if (logs) {
					bindLogs(ps, i, connection, writes.logs());
				}
				try (ResultSet rs = ps.executeQuery()) {
					if (!rs.next() || rs.getInt(1) != 1) {
						return false;
					}
					if (this.changes.hasListeners()) {
						Map<String, String> names = Map.of(run.runId(), run.workflowName());
						// the steps are known here: no need to have the database report them back
						ChangeRows rows = new ChangeRows(this.json, now).stepWrites(run, writes)
							.waits(rs.getString(4), true, names)
							.logs(rs.getString(5), names);
						if (!(transition instanceof RunTransition.Touch)) {
							rows.runs(rs.getString(2), false);
						}
						this.changes.record(rows.changes());
					}
					return true;
				}
			}
		}));
	}

	/**
	 * Times out a pending wait whose timeout has passed, completing its step as "not matched",
	 * unless an event consumed the wait first.
	 */
	public WaitTimeout timeOutWait(ClaimedRun run, String stepName, Instant now, Duration ttl) {
		return this.jdbc.queryForObject("""
				WITH fence AS (
				    UPDATE durableflow.workflow_runs SET updated_at = ?, lease_expires_at = ?, next_due_at = ?
				    WHERE run_id = ? AND lease_token = ? AND status = 'running' RETURNING run_id),
				w AS (
				    UPDATE durableflow.workflow_waits wt SET status = 'timed_out', resolved_at = ?
				    FROM fence WHERE wt.run_id = fence.run_id AND wt.step_name = ? AND wt.status = 'pending'
				    RETURNING wt.id, wt.run_id, wt.step_name, wt.event_name, wt.status),
				s AS (
				    UPDATE durableflow.workflow_steps st SET status = 'completed', result = '{"matched": false}'::jsonb,
				        completed_at = ?, updated_at = ?
				    FROM w WHERE st.run_id = w.run_id AND st.name = ?
				    RETURNING st.id, st.run_id, st.name, st.kind, st.status, st.attempts, NULL AS error_code)
				SELECT (SELECT count(*) FROM fence)::int AS fenced, (SELECT count(*) FROM w)::int AS timed_out,
				    (SELECT json_agg(w) FROM w)::text AS waits, (SELECT json_agg(s) FROM s)::text AS steps""",
				(rs, i) -> {
					if (rs.getInt(1) == 0) {
						return WaitTimeout.LEASE_LOST;
					}
					if (rs.getInt(2) == 0) {
						return WaitTimeout.ALREADY_RESOLVED;
					}
					Map<String, String> names = Map.of(run.runId(), run.workflowName());
					this.changes.record(new ChangeRows(this.json, now).waits(rs.getString(3), false, names)
						.steps(rs.getString(4), names)
						.changes());
					return WaitTimeout.TIMED_OUT;
				},
				ts(now), ts(now.plus(ttl)), ts(now.plus(ttl)), run.runId(), run.leaseToken(), ts(now), stepName,
				ts(now), ts(now), stepName);
	}

	/**
	 * Marks another run as awaited and reads how it stands, holding its row lock until this
	 * transaction ends (call inside one): a run that finishes later finishes after this
	 * transaction's wait is committed, and finds the mark on its row. The waiter's own row is
	 * locked too, both in run-id order (as heartbeats and group commits lock them), so the
	 * waiter's park later in this transaction cannot deadlock with them.
	 */
	public java.util.Optional<java.util.Map<String, Object>> markAwaited(String waiterRunId, String runId) {
		return this.jdbc.queryForList("""
				WITH l AS (
				    SELECT id FROM durableflow.workflow_runs WHERE run_id IN (?, ?) ORDER BY run_id FOR NO KEY UPDATE)
				UPDATE durableflow.workflow_runs r
				SET awaited = r.awaited OR r.status IN ('pending', 'running', 'sleeping', 'waiting')
				FROM l WHERE r.id = l.id AND r.run_id = ?
				RETURNING r.status, r.output::text AS output, r.error::text AS error""", waiterRunId, runId, runId)
			.stream()
			.findFirst();
	}

	/** How a wait's timeout went. */
	public enum WaitTimeout {

		TIMED_OUT, ALREADY_RESOLVED, LEASE_LOST

	}

	/** The statement for a transition; the wait and log parts only when there are waits or logs to write. */
	private static String statement(RunTransition transition, boolean oneStep, boolean waits, boolean logs) {
		String fence;
		if (transition instanceof RunTransition.Touch) {
			// a step in the middle of a run changes nothing on the run row: a share lock fences it
			// (a claim or a cancel waits for our commit) without writing a new row version
			fence = "SELECT run_id, workflow_name, status, NULL AS error_code, created_at FROM durableflow.workflow_runs "
					+ "WHERE run_id = ? AND lease_token = ? AND status = 'running' FOR SHARE";
		}
		else {
			fence = "UPDATE durableflow.workflow_runs SET updated_at = ?, " + runSet(transition)
					+ " WHERE run_id = ? AND lease_token = ? AND status = 'running' "
					+ "RETURNING run_id, workflow_name, status, error->>'code' AS error_code, created_at";
		}
		return "WITH fence AS (" + fence + "), " + (oneStep ? ONE_STEP : STEPS) + (waits ? ", " + WAITS : "")
				+ (logs ? ", " + LOGS : "")
				+ " SELECT (SELECT count(*) FROM fence)::int, (SELECT json_agg(fence) FROM fence)::text, "
				+ "(SELECT count(*) FROM s)::int, "
				+ (waits ? "(SELECT json_agg(w) FROM w)::text, " : "NULL::text, ")
				+ (logs ? "(SELECT json_agg(l) FROM l)::text" : "NULL::text");
	}

	private static String runSet(RunTransition transition) {
		if (transition instanceof RunTransition.Park) {
			// an event that arrived during this execution makes the run due at once instead
			return "status = CASE WHEN resume_requested THEN 'pending' ELSE ? END, "
					+ "next_due_at = CASE WHEN resume_requested THEN ? ELSE ? END, resume_requested = false, "
					+ "lease_owner = NULL, lease_expires_at = NULL";
		}
		if (transition instanceof RunTransition.Complete) {
			return "status = 'completed', output = ?::jsonb, finished_at = ?, " + FINISHED;
		}
		if (transition instanceof RunTransition.Fail) {
			return "status = 'failed', error = ?::jsonb, finished_at = ?, " + FINISHED;
		}
		return "status = 'pending', next_due_at = ?, lease_owner = NULL, lease_expires_at = NULL, "
				+ "lease_token = lease_token + 1";
	}

	private static int bindTransition(PreparedStatement ps, RunTransition transition, Instant now)
			throws SQLException {
		int i = 1;
		if (transition instanceof RunTransition.Touch) {
			return i;
		}
		ps.setObject(i++, ts(now));
		if (transition instanceof RunTransition.Park park) {
			ps.setString(i++, park.status());
			ps.setObject(i++, ts(now));
			ps.setObject(i++, ts(park.dueAt()));
		}
		else if (transition instanceof RunTransition.Complete complete) {
			ps.setString(i++, complete.outputJson());
			ps.setObject(i++, ts(now));
		}
		else if (transition instanceof RunTransition.Fail fail) {
			ps.setString(i++, fail.errorJson());
			ps.setObject(i++, ts(now));
		}
		else {
			ps.setObject(i++, ts(now));
		}
		return i;
	}

	private static int bindStep(PreparedStatement ps, int i, StepWrite step, Instant now) throws SQLException {
		ps.setObject(i++, ts(now));
		ps.setObject(i++, ts(now));
		ps.setString(i++, step.name());
		ps.setInt(i++, step.seq());
		ps.setString(i++, step.kind());
		ps.setString(i++, step.status());
		ps.setInt(i++, step.attempts());
		ps.setString(i++, step.resultJson());
		ps.setString(i++, step.errorJson());
		ps.setString(i++, iso(step.wakeAt()));
		ps.setString(i++, iso(step.startedAt()));
		ps.setString(i++, iso(step.completedAt()));
		return i;
	}

	private static int bindSteps(PreparedStatement ps, int i, Connection connection, List<StepWrite> steps,
			Instant now) throws SQLException {
		ps.setObject(i++, ts(now));
		ps.setObject(i++, ts(now));
		i = text(ps, i, connection, steps, StepWrite::name);
		ps.setArray(i++, connection.createArrayOf("int4", steps.stream().map(StepWrite::seq).toArray()));
		i = text(ps, i, connection, steps, StepWrite::kind);
		i = text(ps, i, connection, steps, StepWrite::status);
		ps.setArray(i++, connection.createArrayOf("int4", steps.stream().map(StepWrite::attempts).toArray()));
		i = text(ps, i, connection, steps, StepWrite::resultJson);
		i = text(ps, i, connection, steps, StepWrite::errorJson);
		i = text(ps, i, connection, steps, (step) -> iso(step.wakeAt()));
		i = text(ps, i, connection, steps, (step) -> iso(step.startedAt()));
		return text(ps, i, connection, steps, (step) -> iso(step.completedAt()));
	}

	private static int bindWaits(PreparedStatement ps, int i, Connection connection, List<WaitWrite> waits,
			Instant now) throws SQLException {
		ps.setObject(i++, ts(now));
		i = text(ps, i, connection, waits, WaitWrite::stepName);
		i = text(ps, i, connection, waits, WaitWrite::eventName);
		i = text(ps, i, connection, waits, WaitWrite::matchJson);
		return text(ps, i, connection, waits, (wait) -> iso(wait.timeoutAt()));
	}

	private static void bindLogs(PreparedStatement ps, int i, Connection connection, List<LogWrite> logs)
			throws SQLException {
		i = text(ps, i, connection, logs, LogWrite::stepName);
		i = text(ps, i, connection, logs, LogWrite::level);
		i = text(ps, i, connection, logs, LogWrite::message);
		i = text(ps, i, connection, logs, LogWrite::dataJson);
		i = text(ps, i, connection, logs, LogWrite::logKey);
		text(ps, i, connection, logs, (log) -> iso(log.createdAt()));
	}

	private static <T> int text(PreparedStatement ps, int i, Connection connection, List<T> rows,
			Function<T, String> column) throws SQLException {
		List<String> values = new ArrayList<>(rows.size());
		rows.forEach((row) -> values.add(column.apply(row)));
		Array array = connection.createArrayOf("text", values.toArray());
		ps.setArray(i, array);
		return i + 1;
	}

	private static String iso(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}

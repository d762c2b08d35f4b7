package io.durableflow.store.commit;

/**
 * The SQL that writes a claimed run's row, shared by every statement that writes one: the
 * single write ({@link FencedWriter}), the shared commit ({@link BatchStatement}) and the
 * heartbeat ({@link RunWrites}).
 */
final class RunRows {

	/**
	 * Locks, as {@code r}, each run of {@code t(run_id, token)} still leased with that
	 * token, one at a time by run id. With {@code t} in run-id order, heartbeats and
	 * shared commits lock alike and cannot deadlock (docs/ENGINE.md, invariant 4). A
	 * lateral lookup rather than a join: the planner may drive a join from the status
	 * index and read every running run's entries, which costs milliseconds once thousands
	 * of runs are running and the statistics lag behind.
	 */
	static final String LOCK_LEASED = """
			CROSS JOIN LATERAL (
			    SELECT r.id, r.run_id FROM durableflow.workflow_runs r
			    WHERE r.run_id = t.run_id AND r.lease_token = t.token AND r.status = 'running'
			    FOR NO KEY UPDATE) r""";

	/**
	 * Every transition of a claimed run's row, described once: the {@code SET} list of an
	 * {@code UPDATE durableflow.workflow_runs r ... FROM l}, where {@code l} has the
	 * columns {@code op} ({@code extend|park|complete|fail|release}, see
	 * {@code RunTransition.Op}), {@code park_status} (text), {@code due_at}
	 * (timestamptz), {@code output} and {@code error} (JSON text) and {@code at}
	 * (timestamptz).
	 * <ul>
	 * <li>extend: still running, the lease (and the due time a takeover waits for)
	 * extended to {@code due_at}, everything else as it was; the one transition that
	 * keeps the lease;</li>
	 * <li>park: sleeping or waiting until {@code due_at}; if an event arrived during this
	 * execution ({@code resume_requested}), due again at once instead (invariant 7);</li>
	 * <li>complete, fail: finished with its output or error, due never again;</li>
	 * <li>release: given up at shutdown, due at once for any instance, and the lease
	 * token moves on so no write of the releasing worker can land afterwards.</li>
	 * </ul>
	 * Every other transition ends the lease.
	 */
	static final String TRANSITION = """
			status = CASE l.op WHEN 'complete' THEN 'completed' WHEN 'fail' THEN 'failed' WHEN 'release' THEN 'pending'
			    WHEN 'extend' THEN r.status
			    ELSE CASE WHEN r.resume_requested THEN 'pending' ELSE l.park_status END END,
			output = CASE WHEN l.op = 'complete' THEN l.output::jsonb ELSE r.output END,
			error = CASE WHEN l.op = 'fail' THEN l.error::jsonb ELSE r.error END,
			finished_at = CASE WHEN l.op IN ('complete', 'fail') THEN l.at ELSE r.finished_at END,
			next_due_at = CASE l.op WHEN 'park' THEN CASE WHEN r.resume_requested THEN l.at ELSE l.due_at END
			    WHEN 'release' THEN l.at WHEN 'extend' THEN l.due_at END,
			resume_requested = CASE WHEN l.op = 'park' THEN false ELSE r.resume_requested END,
			lease_token = CASE WHEN l.op = 'release' THEN r.lease_token + 1 ELSE r.lease_token END,
			lease_owner = CASE WHEN l.op = 'extend' THEN r.lease_owner END,
			lease_expires_at = CASE WHEN l.op = 'extend' THEN l.due_at END, updated_at = l.at""";

	/**
	 * What a written run row reports, for its change: as {@code ChangeRows.runs} reads
	 * it.
	 */
	static final String CHANGED = "r.run_id, r.workflow_name, r.status, r.error->>'code' AS error_code, r.created_at";

	/**
	 * Upserts the steps of {@code source} (a row source with the columns {@code run_id},
	 * {@code name}, {@code seq}, {@code kind}, {@code status}, {@code attempts},
	 * {@code result}, {@code error}, {@code wake_at}, {@code started_at},
	 * {@code completed_at}, {@code at}, {@code input}; JSON and times as text) by run and
	 * name. A retried step keeps its first start, and a write without an input keeps the
	 * row's.
	 */
	static String upsertSteps(String source) {
		return """
				INSERT INTO durableflow.workflow_steps AS s (run_id, name, seq, kind, status, attempts, result, error,
				    wake_at, started_at, completed_at, created_at, updated_at, input)
				SELECT st.run_id, st.name, st.seq, st.kind, st.status, st.attempts, st.result::jsonb, st.error::jsonb,
				    st.wake_at::timestamptz, st.started_at::timestamptz, st.completed_at::timestamptz,
				    st.at::timestamptz, st.at::timestamptz, st.input::jsonb
				FROM %s
				ON CONFLICT (run_id, name) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
				    result = excluded.result, error = excluded.error, wake_at = excluded.wake_at,
				    started_at = coalesce(s.started_at, excluded.started_at), completed_at = excluded.completed_at,
				    updated_at = excluded.updated_at, input = coalesce(excluded.input, s.input)
				RETURNING 1""".formatted(source);
	}

	private RunRows() {
	}

}

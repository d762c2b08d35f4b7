package io.durableflow.store;

import io.durableflow.queue.ClaimedRun;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durableflow.WorkflowChange;
import io.durableflow.change.ChangeRecorder;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine's hot paths in plain SQL: start, claim, fenced writes, heartbeats, cancel. Every write
 * about a claimed run is conditional on its lease token, so a worker that lost its lease records
 * nothing. Times always come from the caller (the engine's clock), never from {@code now()}.
 */
public class RunStore {

	public static final String ACTIVE = "('pending', 'running', 'sleeping', 'waiting')";

	private static final String INSERT_RUN = """
			INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, hosting_mode, lifecycle_stage,
			    user_id, tutorial_slug, queue, input, parent_run_id, next_due_at, created_at, updated_at)
			VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
			ON CONFLICT (run_id) DO NOTHING""";

	/**
	 * What a claim does to a run, for {@code r} joined to the claimed rows; parameters: owner, lease
	 * expiry, next due time (the lease expiry), started and updated times. Shared by the claim
	 * below and the one a group commit makes.
	 */
	public static final String CLAIM_SET = """
			SET status = 'running', lease_owner = ?, lease_token = r.lease_token + 1,
			    lease_expires_at = ?::timestamptz, next_due_at = ?::timestamptz, executions = r.executions + 1,
			    resume_requested = false, started_at = coalesce(r.started_at, ?::timestamptz),
			    updated_at = ?::timestamptz""";

	/**
	 * Locks, as {@code r}, each run of {@code t(run_id, token)} still leased with that token, one at a
	 * time by run id; with {@code t} in run-id order, heartbeats and group commits lock alike and
	 * cannot deadlock. A lateral lookup rather than a join: the planner may drive a join from the
	 * status index and read every running run's entries, which costs milliseconds once thousands
	 * of runs are running and the statistics lag behind.
	 */
	public static final String LOCK_LEASED = """
			CROSS JOIN LATERAL (
			    SELECT r.id, r.run_id FROM durableflow.workflow_runs r
			    WHERE r.run_id = t.run_id AND r.lease_token = t.token AND r.status = 'running'
			    FOR NO KEY UPDATE) r""";

	private static final String CLAIM = """
			WITH due AS (
			    SELECT id, status, next_due_at FROM durableflow.workflow_runs
			    WHERE status IN %s AND next_due_at <= ?
			    ORDER BY next_due_at
			    LIMIT ?
			    FOR UPDATE SKIP LOCKED)
			UPDATE durableflow.workflow_runs r
			%s
			FROM due WHERE r.id = due.id
			RETURNING r.run_id, r.workflow_name, r.input::text, r.lease_token, r.executions, due.status, due.next_due_at"""
		.formatted(ACTIVE, CLAIM_SET);

	private static final String HEARTBEAT = """
			WITH l AS (
			    SELECT r.id
			    FROM (SELECT * FROM unnest(?::text[], ?::bigint[]) AS t(run_id, token) ORDER BY run_id) t
			    %s)
			UPDATE durableflow.workflow_runs r SET lease_expires_at = ?, next_due_at = ?
			FROM l WHERE r.id = l.id
			RETURNING r.run_id""".formatted(LOCK_LEASED);

	private final JdbcTemplate jdbc;

	private final ChangeRecorder changes;

	public RunStore(JdbcTemplate jdbc, ChangeRecorder changes) {
		this.jdbc = jdbc;
		this.changes = changes;
	}

	/** Inserts a run; {@code false} when a run with that id exists already. */
	public boolean insert(NewRun run, Instant now) {
		boolean inserted = this.jdbc.update(INSERT_RUN, run.runId(), run.workflowName(), run.hostingMode(),
				run.lifecycleStage(), run.userId(), run.tutorialSlug(), run.queue(), run.inputJson(), run.parentRunId(),
				ts(run.dueAt()), ts(now), ts(now)) == 1;
		if (inserted) {
			this.changes.record(List.of(created(run, now)));
		}
		return inserted;
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

	public Optional<String> workflowNameOf(String runId) {
		return this.jdbc
			.query("SELECT workflow_name FROM durableflow.workflow_runs WHERE run_id = ?",
					(rs, i) -> rs.getString(1), runId)
			.stream()
			.findFirst();
	}

	public Optional<String> statusOf(String runId) {
		return this.jdbc
			.query("SELECT status FROM durableflow.workflow_runs WHERE run_id = ?", (rs, i) -> rs.getString(1), runId)
			.stream()
			.findFirst();
	}

	/** Claims up to {@code limit} due runs for {@code owner}, leasing them until {@code now + ttl}. */
	public List<ClaimedRun> claim(String owner, int limit, Instant now, Duration ttl) {
		OffsetDateTime expires = ts(now.plus(ttl));
		List<ClaimedRun> claimed = this.jdbc.query(CLAIM, (rs, i) -> new ClaimedRun(rs.getString(1), rs.getString(2),
				rs.getString(3), rs.getLong(4), rs.getInt(5), "running".equals(rs.getString(6)), instant(rs, 7)), ts(now),
				limit, owner,
				expires, expires, ts(now), ts(now));
		if (!claimed.isEmpty() && this.changes.hasListeners()) {
			this.changes.record(claimedChanges(claimed, now));
		}
		return claimed;
	}

	/** The changes claims make. */
	public static List<WorkflowChange> claimedChanges(List<ClaimedRun> claimed, Instant now) {
		return claimed.stream()
			.map((run) -> WorkflowChange.of(WorkflowChange.RUN, false, run.runId(), run.workflowName(), run.runId(),
					Map.of("status", "running", "executions", run.executions(), "tookOver", run.tookOver(), "lagMillis",
							Math.max(0, now.toEpochMilli() - run.dueAt().toEpochMilli())),
					now))
			.toList();
	}

	/** The earliest time any unfinished run is due, if any is. */
	public Optional<Instant> nextDueAt() {
		OffsetDateTime next = this.jdbc.queryForObject(
				"SELECT min(next_due_at) FROM durableflow.workflow_runs WHERE status IN " + ACTIVE,
				OffsetDateTime.class);
		return Optional.ofNullable(next).map(OffsetDateTime::toInstant);
	}

	public List<StepRecord> steps(String runId) {
		return this.jdbc.query("""
				SELECT name, seq, kind, status, attempts, result::text, error::text, wake_at, started_at
				FROM durableflow.workflow_steps WHERE run_id = ? ORDER BY seq""",
				(rs, i) -> new StepRecord(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
						rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9)),
				runId);
	}

	/**
	 * Extends the leases this instance still holds.
	 * @return the run ids whose lease was extended; the others are lost
	 */
	public List<String> heartbeat(Collection<ClaimedRun> runs, Instant now, Duration ttl) {
		if (runs.isEmpty()) {
			return List.of();
		}
		String[] ids = runs.stream().map(ClaimedRun::runId).toArray(String[]::new);
		Long[] tokens = runs.stream().map(ClaimedRun::leaseToken).toArray(Long[]::new);
		OffsetDateTime expires = ts(now.plus(ttl));
		return this.jdbc.execute((java.sql.Connection connection) -> {
			Array idArray = connection.createArrayOf("text", ids);
			Array tokenArray = connection.createArrayOf("bigint", tokens);
			try (PreparedStatement ps = connection.prepareStatement(HEARTBEAT)) {
				ps.setArray(1, idArray);
				ps.setArray(2, tokenArray);
				ps.setObject(3, expires);
				ps.setObject(4, expires);
				List<String> kept = new ArrayList<>();
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						kept.add(rs.getString(1));
					}
				}
				return kept;
			}
			finally {
				idArray.free();
				tokenArray.free();
			}
		});
	}

	/** One step of a run as recorded now, if it is. */
	public Optional<StepRecord> step(String runId, String name) {
		return this.jdbc.query("""
				SELECT name, seq, kind, status, attempts, result::text, error::text, wake_at, started_at
				FROM durableflow.workflow_steps WHERE run_id = ? AND name = ?""",
				(rs, i) -> new StepRecord(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
						rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9)),
				runId, name).stream().findFirst();
	}

	public static OffsetDateTime ts(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	public static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}

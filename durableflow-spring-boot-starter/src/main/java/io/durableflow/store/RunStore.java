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
import io.durableflow.StepStatus;
import io.durableflow.queue.ClaimQuery;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads of run and step rows the engine needs while it executes: a replay's recorded
 * steps, when the next run is due. The writes are in {@code io.durableflow.store.commit}.
 */
public class RunStore {

	/** The statuses of unfinished runs. */
	public static final String ACTIVE = ClaimQuery.ACTIVE;

	private final JdbcTemplate jdbc;

	public RunStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<String> workflowNameOf(String runId) {
		return this.jdbc
			.query("SELECT workflow_name FROM durableflow.workflow_runs WHERE run_id = ?", (rs, i) -> rs.getString(1),
					runId)
			.stream()
			.findFirst();
	}

	/**
	 * The unfinished run of {@code workflowName} that holds {@code dedupKey}, if any
	 * does.
	 */
	public Optional<String> unfinishedRunWithDedupKey(String workflowName, String dedupKey) {
		return this.jdbc
			.query("SELECT run_id FROM durableflow.workflow_runs WHERE workflow_name = ? AND dedup_key = ? "
					+ "AND status IN " + ACTIVE, (rs, i) -> rs.getString(1), workflowName, dedupKey)
			.stream()
			.findFirst();
	}

	public Optional<String> statusOf(String runId) {
		return this.jdbc
			.query("SELECT status FROM durableflow.workflow_runs WHERE run_id = ?", (rs, i) -> rs.getString(1), runId)
			.stream()
			.findFirst();
	}

	/** The earliest time any unfinished run is due, if any is. */
	public Optional<Instant> nextDueAt() {
		OffsetDateTime next = this.jdbc.queryForObject(
				"SELECT min(next_due_at) FROM durableflow.workflow_runs WHERE status IN " + ACTIVE,
				OffsetDateTime.class);
		return Optional.ofNullable(next).map(OffsetDateTime::toInstant);
	}

	/**
	 * The earliest time after {@code now} at which an unfinished run becomes due, if any
	 * does (runs due already but left waiting, by a queue's limits, say, do not count).
	 */
	public Optional<Instant> nextDueAfter(Instant now) {
		OffsetDateTime next = this.jdbc
			.queryForObject("SELECT min(next_due_at) FROM durableflow.workflow_runs WHERE status IN " + ACTIVE
					+ " AND next_due_at > ?::timestamptz", OffsetDateTime.class, now.toString());
		return Optional.ofNullable(next).map(OffsetDateTime::toInstant);
	}

	/** When {@code runId} is next due, if it is unfinished and scheduled. */
	public Optional<Instant> nextDueAt(String runId) {
		return this.jdbc
			.queryForList("SELECT next_due_at FROM durableflow.workflow_runs WHERE run_id = ? AND status IN " + ACTIVE,
					OffsetDateTime.class, runId)
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.map(OffsetDateTime::toInstant);
	}

	public List<StepRecord> steps(String runId) {
		return this.jdbc.query("""
				SELECT name, seq, kind, status, attempts, result::text, error::text, wake_at, started_at
				FROM durableflow.workflow_steps WHERE run_id = ? ORDER BY seq""",
				(rs, i) -> new StepRecord(rs.getString(1), rs.getInt(2), StepKind.fromDb(rs.getString(3)),
						StepStatus.fromDb(rs.getString(4)), rs.getInt(5), rs.getString(6), rs.getString(7),
						instant(rs, 8), instant(rs, 9)),
				runId);
	}

	/** One step of a run as recorded now, if it is. */
	public Optional<StepRecord> step(String runId, String name) {
		return this.jdbc
			.query("""
					SELECT name, seq, kind, status, attempts, result::text, error::text, wake_at, started_at
					FROM durableflow.workflow_steps WHERE run_id = ? AND name = ?""",
					(rs, i) -> new StepRecord(rs.getString(1), rs.getInt(2), StepKind.fromDb(rs.getString(3)),
							StepStatus.fromDb(rs.getString(4)), rs.getInt(5), rs.getString(6), rs.getString(7),
							instant(rs, 8), instant(rs, 9)),
					runId, name)
			.stream()
			.findFirst();
	}

	public static OffsetDateTime ts(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	public static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}

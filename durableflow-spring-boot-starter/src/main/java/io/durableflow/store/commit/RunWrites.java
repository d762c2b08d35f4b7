package io.durableflow.store.commit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.durableflow.change.ChangeRecorder;
import io.durableflow.queue.ClaimQuery;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.queue.Queues;
import io.durableflow.store.ChangeRows;
import io.durableflow.store.NamedSql;
import io.durableflow.store.NewRun;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The run-row writes made by themselves rather than as part of an execution's write: a
 * new run, the dispatcher's claim and the heartbeat. Times always come from the caller
 * (the engine's clock), never from {@code now()}.
 */
public class RunWrites {

	private static final NamedSql INSERT = NamedSql.of("""
			INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, hosting_mode, lifecycle_stage,
			    user_id, tutorial_slug, queue, input, parent_run_id, next_due_at, created_at, updated_at, dedup_key,
			    priority, concurrency_key, definition_revision, name, metadata)
			VALUES (:runId, :workflowName, 'pending', :hostingMode, :lifecycleStage, :userId, :tutorialSlug, :queue,
			    :input::jsonb, :parentRunId, :dueAt::timestamptz, :at::timestamptz, :at::timestamptz, :dedupKey,
			    :priority, :concurrencyKey, :definitionRevision, :name, :metadata::jsonb)
			ON CONFLICT (run_id) DO NOTHING""");

	private static final NamedSql CLAIM = NamedSql.of(ClaimQuery.CLAIM);

	/**
	 * Extends the leases still held with the given tokens, locking as shared commits
	 * lock.
	 */
	private static final NamedSql HEARTBEAT = NamedSql.of("""
			WITH l AS (
			    SELECT r.id
			    FROM (SELECT * FROM unnest(:runIds::text[], :tokens::bigint[]) AS t(run_id, token) ORDER BY run_id) t
			    %s)
			UPDATE durableflow.workflow_runs r SET lease_expires_at = :leaseExpiresAt::timestamptz,
			    next_due_at = :leaseExpiresAt::timestamptz
			FROM l WHERE r.id = l.id
			RETURNING r.run_id""".formatted(RunRows.LOCK_LEASED));

	private final JdbcTemplate jdbc;

	private final ChangeRecorder changes;

	private final Object[] unlimited;

	public RunWrites(JdbcTemplate jdbc, ChangeRecorder changes) {
		this(jdbc, changes, Queues.defaultOnly());
	}

	/**
	 * @param queues the declared queues: {@link #claim} takes runs of those without
	 * limits
	 */
	public RunWrites(JdbcTemplate jdbc, ChangeRecorder changes, Queues queues) {
		this.jdbc = jdbc;
		this.changes = changes;
		this.unlimited = queues.unlimited().toArray();
	}

	/** Inserts a run; {@code false} when a run with that id exists already. */
	public boolean insert(NewRun run, Instant now) {
		boolean inserted = Boolean.TRUE.equals(this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement ps = connection.prepareStatement(INSERT.sql())) {
				INSERT.bind(connection, ps)
					.text("runId", run.runId())
					.text("workflowName", run.workflowName())
					.text("hostingMode", run.hostingMode())
					.text("lifecycleStage", run.lifecycleStage())
					.text("userId", run.userId())
					.text("tutorialSlug", run.tutorialSlug())
					.text("queue", run.queue())
					.text("input", run.inputJson())
					.text("parentRunId", run.parentRunId())
					.time("dueAt", run.dueAt())
					.time("at", now)
					.text("dedupKey", run.dedupKey())
					.value("priority", run.priority())
					.text("concurrencyKey", run.concurrencyKey())
					.integer("definitionRevision", run.definitionRevision())
					.text("name", run.name())
					.text("metadata", run.metadataJson())
					.done();
				return ps.executeUpdate() == 1;
			}
		}));
		if (inserted) {
			this.changes.record(List.of(ChangeRows.created(run, now)));
		}
		return inserted;
	}

	/**
	 * Claims up to {@code limit} due runs of the queues without limits for {@code owner},
	 * leasing them until {@code now + ttl}.
	 */
	public List<ClaimedRun> claim(String owner, int limit, Instant now, Duration ttl) {
		List<ClaimedRun> claimed = this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement ps = connection.prepareStatement(CLAIM.sql())) {
				CLAIM.bind(connection, ps)
					.value("limit", limit)
					.text("owner", owner)
					.time("leaseExpiresAt", now.plus(ttl))
					.time("claimAt", now)
					.array("queues", "text", this.unlimited)
					.done();
				List<ClaimedRun> runs = new ArrayList<>();
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						runs.add(claimed(rs));
					}
				}
				return runs;
			}
		});
		if (!claimed.isEmpty() && this.changes.hasListeners()) {
			this.changes.record(ChangeRows.claimed(claimed, now));
		}
		return claimed;
	}

	/**
	 * Extends the leases this instance still holds.
	 * @return the run ids whose lease was extended; the others are lost
	 */
	public List<String> heartbeat(Collection<ClaimedRun> runs, Instant now, Duration ttl) {
		if (runs.isEmpty()) {
			return List.of();
		}
		return this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement ps = connection.prepareStatement(HEARTBEAT.sql())) {
				HEARTBEAT.bind(connection, ps)
					.array("runIds", "text", runs.stream().map(ClaimedRun::runId).toArray())
					.array("tokens", "int8", runs.stream().map(ClaimedRun::leaseToken).toArray())
					.time("leaseExpiresAt", now.plus(ttl))
					.done();
				List<String> kept = new ArrayList<>();
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						kept.add(rs.getString("run_id"));
					}
				}
				return kept;
			}
		});
	}

	static ClaimedRun claimed(ResultSet rs) throws SQLException {
		return new ClaimedRun(rs.getString("run_id"), rs.getString("workflow_name"), rs.getString("input"),
				rs.getLong("lease_token"), rs.getInt("executions"), "running".equals(rs.getString("was")),
				rs.getObject("due_at", java.time.OffsetDateTime.class).toInstant(),
				(Integer) rs.getObject("definition_revision"),
				rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("user_id"));
	}

}

package io.durableflow.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.queue.ClaimQuery;
import io.durableflow.queue.QueueSettings;
import io.durableflow.queue.Queues;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What is in each declared queue now: one statement for all of them, cached for a second,
 * shared by the console, its JSON API and the queue gauges. Each number is read from an
 * index and bounded, so that a backlog of a million runs costs what one of ten thousand
 * does:
 * <ul>
 * <li>{@code running}, from {@code workflow_runs_running_by_queue} (the default queue's
 * from {@code workflow_runs_by_status}): every running run, as many as there are worker
 * slots;</li>
 * <li>{@code queued}, from {@code workflow_runs_claim}: the queue's parked runs that are
 * due, counted up to {@value #QUEUED_COUNT_LIMIT}; beyond that the count stops and says
 * so ({@link Stats#moreQueued()});</li>
 * <li>the oldest due time, from the same index: the first due parked run of each priority
 * the queue holds (one probe per priority, as the claim makes them: PostgreSQL 17 has no
 * skip scan).</li>
 * </ul>
 * Before, the count read every queued run (3 to 5 seconds at a million).
 */
public class QueueStats {

	public static final Duration CACHE = Duration.ofSeconds(1);

	/** The most queued runs a queue's count reads; more are reported as "more". */
	public static final int QUEUED_COUNT_LIMIT = 10_000;

	private static final String SQL = """
			WITH RECURSIVE levels(queue, v) AS (
			    SELECT q.name, %3$s FROM unnest(CAST(? AS text[])) AS q(name)
			    UNION ALL
			    SELECT l.queue, %4$s FROM levels l WHERE l.v IS NOT NULL),
			oldest AS (
			    SELECT l.queue, min(o.due_at) AS due_at FROM levels l CROSS JOIN LATERAL (
			        SELECT r.next_due_at AS due_at FROM durableflow.workflow_runs r
			        WHERE r.queue = l.queue AND r.queue >= l.queue AND r.queue <= l.queue AND r.priority = l.v
			            AND r.status IN %1$s AND r.status <> 'running' AND r.next_due_at <= ?::timestamptz
			        ORDER BY r.next_due_at LIMIT 1) o
			    WHERE l.v IS NOT NULL GROUP BY l.queue)
			SELECT q.name,
			    (SELECT count(*) FROM durableflow.workflow_runs r WHERE r.queue = q.name AND r.status = 'running') AS running,
			    (SELECT count(*) FROM (SELECT 1 FROM durableflow.workflow_runs r
			        WHERE r.queue = q.name AND r.queue >= q.name AND r.queue <= q.name
			            AND r.status IN %1$s AND r.status <> 'running' AND r.next_due_at <= ?::timestamptz
			        LIMIT %2$d) c) AS queued,
			    (SELECT o.due_at FROM oldest o WHERE o.queue = q.name) AS oldest
			FROM unnest(CAST(? AS text[])) AS q(name)"""
		.formatted(RunStore.ACTIVE, QUEUED_COUNT_LIMIT + 1, ClaimQuery.topPriority("q.name", ""),
				ClaimQuery.topPriority("l.queue", "l.v"));

	private final JdbcTemplate jdbc;

	private final Queues queues;

	private final Clock clock;

	private volatile Map<String, Stats> stats = Map.of();

	private volatile long countedAt;

	public QueueStats(JdbcTemplate jdbc, Queues queues, Clock clock) {
		this.jdbc = jdbc;
		this.queues = queues;
		this.clock = clock;
	}

	public Queues queues() {
		return this.queues;
	}

	/** Each declared queue's numbers, at most {@link #CACHE} old. */
	public Map<String, Stats> byQueue() {
		long now = System.currentTimeMillis();
		if (now - this.countedAt > CACHE.toMillis()) {
			String at = this.clock.instant().toString();
			String[] names = this.queues.all().stream().map(QueueSettings::name).toArray(String[]::new);
			Map<String, Stats> fresh = new HashMap<>();
			List<Stats> rows = this.jdbc.query(SQL, (rs, i) -> {
				OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
				long queued = rs.getLong("queued");
				return new Stats(rs.getString("name"), rs.getLong("running"), Math.min(queued, QUEUED_COUNT_LIMIT),
						queued > QUEUED_COUNT_LIMIT, (oldest != null) ? oldest.toInstant() : null);
			}, names, at, at, names);
			rows.forEach((row) -> fresh.put(row.name(), row));
			this.stats = Map.copyOf(fresh);
			this.countedAt = now;
		}
		return this.stats;
	}

	/**
	 * One queue's numbers.
	 *
	 * @param queued the due parked runs, at most {@value #QUEUED_COUNT_LIMIT}
	 * @param moreQueued whether more are queued than {@code queued} says
	 */
	public record Stats(String name, long running, long queued, boolean moreQueued, @Nullable Instant oldestQueuedAt) {
	}

}

package io.durableflow.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.queue.QueueSettings;
import io.durableflow.queue.Queues;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What is in each declared queue now: one statement for all of them, cached for a second,
 * shared by the console, its JSON API and the queue gauges. {@code running} is read from
 * the index by status; {@code queued} and the oldest due time from the claim index (a
 * count over the queue's unfinished runs).
 */
public class QueueStats {

	public static final Duration CACHE = Duration.ofSeconds(1);

	private static final String SQL = """
			SELECT q.name,
			    (SELECT count(*) FROM durableflow.workflow_runs r WHERE r.queue = q.name AND r.status = 'running') AS running,
			    (SELECT count(*) FROM durableflow.workflow_runs r WHERE r.queue = q.name
			        AND r.status IN ('pending', 'sleeping', 'waiting') AND r.next_due_at <= ?::timestamptz) AS queued,
			    (SELECT min(r.next_due_at) FROM durableflow.workflow_runs r WHERE r.queue = q.name
			        AND r.status IN ('pending', 'sleeping', 'waiting') AND r.next_due_at <= ?::timestamptz) AS oldest
			FROM unnest(?::text[]) AS q(name)""";

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
				return new Stats(rs.getString("name"), rs.getLong("running"), rs.getLong("queued"),
						(oldest != null) ? oldest.toInstant() : null);
			}, at, at, names);
			rows.forEach((row) -> fresh.put(row.name(), row));
			this.stats = Map.copyOf(fresh);
			this.countedAt = now;
		}
		return this.stats;
	}

	/** One queue's numbers. */
	public record Stats(String name, long running, long queued, Instant oldestQueuedAt) {
	}

}
